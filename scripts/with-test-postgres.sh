#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: created in a temporary directory, started
# on a free local port (loopback only), its URL in PARTNERBOT_TEST_POSTGRES_URL, stopped and
# removed when the command ends, whatever its outcome. `make test` runs the tests this way.
# Usage: scripts/with-test-postgres.sh COMMAND [ARGUMENT ...]
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "error: PostgreSQL's server programs are missing (scripts/install-system-packages.sh --test installs them)" >&2
    exit 1
fi

dir=$(mktemp -d /tmp/partnerbot-postgres.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
    chown postgres "$dir"
    as_owner=(runuser -u postgres --)
fi
stop() {
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U partnerbot -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
started=""
for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 20000))
    if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000" start >/dev/null 2>&1; then
        started=yes
        break
    fi
done
if [ -z "$started" ]; then
    echo "error: the test PostgreSQL cluster did not start:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
fi
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U partnerbot partnerbot_test

export PARTNERBOT_TEST_POSTGRES_URL="postgres://partnerbot@127.0.0.1:$port/partnerbot_test"
"$@"
