#!/usr/bin/env bash
# Runs every benchmark program (build/bin/bench_*) and writes Google Benchmark JSON to build/bench/.
# Benchmarks that need a database (ingest) get a throwaway local cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/bench
shopt -s nullglob
benches=(build/bin/bench_*)
[ ${#benches[@]} -gt 0 ] || { echo "no benchmark programs in build/bin" >&2; exit 1; }
if [ -z "${DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/gd-bench-pg.XXXXXX); chmod 755 "$pgdir"
  trap 'scripts/pg-down.sh "$pgdir/pg" --wipe; rm -rf "$pgdir"' EXIT
  DATABASE_URL=$(scripts/pg-up.sh "$pgdir/pg"); export DATABASE_URL
fi
for b in "${benches[@]}"; do
  name=$(basename "$b")
  echo "== $name"
  "$b" --benchmark_out="build/bench/$name.json" --benchmark_out_format=json ${BENCH_ARGS:-}
done
echo "results: build/bench/*.json"
