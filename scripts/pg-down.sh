#!/usr/bin/env bash
# Stops the project-local cluster started by pg-up.sh.
#   scripts/pg-down.sh [DIR] [--wipe]    --wipe also deletes the data directory
set -uo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DIR=$(realpath -m "${1:-$PWD/.data/pg}")
RUN=()
if [ "$(id -u)" = 0 ]; then RUN=(runuser -u postgres --); fi
if [ -f "$DIR/data/postmaster.pid" ]; then
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || kill -9 "$(head -1 "$DIR/data/postmaster.pid")" 2>/dev/null
fi
[ -f "$DIR/sockdir" ] && rm -rf "$(cat "$DIR/sockdir")" "$DIR/sockdir"
rm -f "$DIR/port"
if [ "${2:-}" = "--wipe" ]; then rm -rf "$DIR"; fi
exit 0
