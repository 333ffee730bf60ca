#!/usr/bin/env bash
# Builds the release server and the benchmarks, then runs them and prints one table.
#
#   Benchmarks/run.sh                      # everything (a few minutes)
#   Benchmarks/run.sh --quick              # short runs, small data sets
#   Benchmarks/run.sh --only http-register # one benchmark (see --list)
#
# SCRATCH_PATH chooses SwiftPM's build directory (default .build), e.g. SCRATCH_PATH=.build-bench.
# Every other argument is passed to partnerbot-benchmarks (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --scratch-path "$scratch" --product partnerbot
swift build -c release --scratch-path "$scratch" --product partnerbot-benchmarks
exec "$scratch/release/partnerbot-benchmarks" --binary "$scratch/release/partnerbot" "$@"
