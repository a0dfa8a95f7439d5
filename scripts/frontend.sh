#!/usr/bin/env bash
# The dashboard's build and tests.
#   scripts/frontend.sh build   npm ci when node_modules is missing or older than package-lock.json, then vite build -> frontend/dist
#   scripts/frontend.sh unit    Vitest unit tests (data shaping, formatting, scopes, URL state)
#   scripts/frontend.sh e2e     browser test: real Postgres + gammadesk + Debian's chromium (tests/e2e/dashboard.e2e.mjs)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FE="$ROOT/frontend"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

lock_sum() { sha256sum "$FE/package-lock.json" | cut -d' ' -f1; }

ensure_deps() {
  command -v node >/dev/null || { echo "frontend: node is not installed (scripts/bootstrap.sh installs it)" >&2; exit 1; }
  # Vite 8 needs node >= 20.19 (Debian 12's own nodejs is 18).
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || { echo "frontend: node $(node --version) is too old; the dashboard build needs node >= 20.19" >&2; exit 1; }
  local stamp="$FE/node_modules/.gd-lock.sha256"
  if [ ! -d "$FE/node_modules" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(lock_sum)" ]; then
    echo "frontend: npm ci (node_modules missing or stale vs package-lock.json)"
    (cd "$FE" && npm ci --no-audit --no-fund --loglevel=error)
    lock_sum > "$stamp"
  fi
}

build() {
  ensure_deps
  (cd "$FE" && node_modules/.bin/tsc -b && node_modules/.bin/vite build --logLevel warn)
  echo "frontend: built $FE/dist"
}

case "${1:-}" in
  build) build ;;
  unit)
    ensure_deps
    cd "$FE" && exec node_modules/.bin/vitest run
    ;;
  e2e)
    ensure_deps
    # The e2e serves frontend/dist through gammadesk; build it if it is missing.
    [ -f "$FE/dist/index.html" ] || build
    exec node "$ROOT/tests/e2e/dashboard.e2e.mjs" "${@:2}"
    ;;
  *)
    echo "usage: $0 build|unit|e2e" >&2
    exit 2
    ;;
esac
