#!/usr/bin/env bash
# `make run`: starts the project-local Postgres (unless DATABASE_URL is set) and runs gammadesk in
# the foreground with the simulated market (unless configured otherwise). Ctrl-C stops the
# service; `make stop-db` stops the database.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(scripts/pg-up.sh "$PWD/.data/pg")
  export DATABASE_URL
  echo "gammadesk: local Postgres at $DATABASE_URL (stop it with: make stop-db)"
fi
export HOST=${HOST:-127.0.0.1}
export PORT=${PORT:-8000}
echo "gammadesk: dashboard and API at http://localhost:$PORT/ (Ctrl-C stops)"
exec build/bin/gammadesk "$@"
