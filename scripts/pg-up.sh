#!/usr/bin/env bash
# Starts a project-local Postgres 15 cluster and prints its URL on stdout.
#   scripts/pg-up.sh [DIR] [PORT]     DIR default .data/pg, PORT default: the first free from 55432
# Reuses a cluster already running in DIR. initdb and postgres refuse to run as root, so as root
# they run as the postgres user (the directory must be reachable by it).
# The server runs with PG_MALLOC_TUNABLES as its GLIBC_TUNABLES (set it empty for glibc's
# defaults). The default keeps up to 256 MB of freed heap per backend instead of returning it to
# the kernel at once: parsing a full chain's payload (~9 MB of JSON) into JSONB then reuses pages
# instead of faulting in fresh ones (215 -> 125 ms of the backend's time per snapshot). The price:
# a backend that stored a full chain stays at ~250 MB resident until it disconnects.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DIR=$(realpath -m "${1:-$PWD/.data/pg}")
PORT=${2:-}
DBNAME=${PGDATABASE_NAME:-gammadesk}

RUN=()
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -f "$DIR/port" ] && [ -f "$DIR/data/postmaster.pid" ] && "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$(cat "$DIR/port")"; then
  echo "postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/$DBNAME"
  exit 0
fi

next_free_port() { local p=$1; while port_busy "$p"; do p=$((p + 1)); done; echo "$p"; }
AUTO_PORT=0
if [ -z "$PORT" ]; then
  AUTO_PORT=1
  PORT=$(next_free_port 55432)
elif port_busy "$PORT"; then
  echo "pg-up: port $PORT is busy" >&2; exit 1
fi

mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$DIR"
  # postgres must be able to traverse every parent directory of DIR
  if ! runuser -u postgres -- test -x "$DIR"; then
    echo "pg-up: the postgres user cannot reach $DIR (a parent directory is private, e.g. /root with mode 0700);" \
         "set DATABASE_URL to an existing server or move the checkout" >&2
    exit 1
  fi
fi
SOCK=$(mktemp -d /tmp/gdpg.XXXXXX)   # unix socket paths must stay under 108 bytes
[ "$(id -u)" = 0 ] && chown postgres:postgres "$SOCK"
echo "$SOCK" > "$DIR/sockdir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR/sockdir"

if [ ! -f "$DIR/data/PG_VERSION" ]; then
  "${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
MALLOC=${PG_MALLOC_TUNABLES-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456}
# A cluster started at the same moment (test programs run in parallel) can take the chosen port
# between the probe above and the bind: with an automatic port, the next free one is tried.
for attempt in 1 2 3 4 5; do
  logged=$(stat -c %s "$DIR/server.log" 2>/dev/null || echo 0)
  if err=$("${RUN[@]}" env GLIBC_TUNABLES="$MALLOC" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 -o \
       "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_EXTRA_OPTS:-}" start 2>&1 >/dev/null); then
    break
  fi
  if [ "$AUTO_PORT" = 1 ] && [ "$attempt" -lt 5 ] && tail -c +$((logged + 1)) "$DIR/server.log" | grep -q "could not bind"; then
    PORT=$(next_free_port $((PORT + 1)))
    continue
  fi
  { echo "$err"; cat "$DIR/server.log"; } >&2; exit 1
done
echo "$PORT" > "$DIR/port"
"$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30
if ! "$PGBIN/psql" -X -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
     -c "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" | grep -q 1; then
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DBNAME"
fi
echo "postgresql://postgres@127.0.0.1:$PORT/$DBNAME"
