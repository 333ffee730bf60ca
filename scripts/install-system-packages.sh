#!/usr/bin/env bash
# Installs the system libraries partnerbot links against, only when they are missing.
# Debian/Ubuntu: libcurl (OpenSSL flavour), SQLite and OpenSSL development files; with --test
# also PostgreSQL's server, which the tests of the PostgreSQL backend start a cluster of.
set -euo pipefail

packages=(libcurl4-openssl-dev libsqlite3-dev libssl-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
    packages+=(postgresql)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "error: missing ${missing[*]} and not root (no sudo): install them with apt-get" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
