#!/usr/bin/env bash
# Installs Bolt for Python (Benchmarks/peers/requirements.txt, every version pinned) into a venv
# and prints the path of the venv's python on standard output (everything else goes to stderr).
#
#   Benchmarks/peers/setup.sh            # venv at <repository>/.build/peers-venv
#   Benchmarks/peers/setup.sh DIR        # venv at DIR
#
# Idempotent: the venv is created only when missing, and pip runs only when requirements.txt
# changed since the last successful install (a hash is kept in the venv). PYTHON picks the
# interpreter that creates the venv (default python3; Python 3.11 is what the pins were chosen on).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${1:-$root/.build/peers-venv}"
requirements="$here/requirements.txt"

if [ ! -x "$venv/bin/python" ]; then
    echo "peers: creating $venv" >&2
    mkdir -p "$(dirname "$venv")"
    "${PYTHON:-python3}" -m venv "$venv" >&2
fi
stamp="$venv/.peers-requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "peers: installing $requirements into $venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet -r "$requirements" >&2
    echo "$wanted" >"$stamp"
fi
echo "$venv/bin/python"
