#!/bin/sh
# Recordings on several nodes (docs/DESIGN.md "Recordings on several nodes"):
# builds bench/cluster/recordings_bench.cc, starts a PostgreSQL 15 server of
# its own in a temporary folder (as the `postgres` user when run as root; a
# Unix socket, no TCP) with the durability settings of production (fsync on,
# unlike the test server of scripts/test-postgres), and measures N one-minute
# recordings as files in a folder beside it vs bytea rows vs large objects.
# Usage: bench/cluster/recordings.sh [N]   (default 200, ~380 MB)
set -eu
N=${1:-200}
HERE=$(cd "$(dirname "$0")" && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d /tmp/robocall-recbench.XXXXXX)
chmod 755 "$WORK"
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
PGDATA="$WORK/pg"
mkdir "$PGDATA" "$WORK/files"
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
cleanup() {
  as_pg "'$PGBIN/pg_ctl' -D '$PGDATA' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

c++ -std=c++20 -O2 -o "$WORK/recordings_bench" "$HERE/recordings_bench.cc" \
  -I"$(pg_config --includedir)" -lpq
as_pg "'$PGBIN/initdb' -D '$PGDATA' -A trust -U postgres" >/dev/null
as_pg "'$PGBIN/pg_ctl' -D '$PGDATA' -l '$PGDATA/log' -w \
  -o \"-c listen_addresses='' -c unix_socket_directories='$PGDATA' -c max_wal_size=4GB\" start" \
  >/dev/null
"$WORK/recordings_bench" "$WORK/files" "postgresql:///postgres?host=$PGDATA&user=postgres" "$N"
