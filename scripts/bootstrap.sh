#!/usr/bin/env bash
# Installs the system packages GammaDesk needs to build, run and test, on Debian 12.
# Idempotent: does nothing when every package is already present. Used by `make`, CI and the Dockerfile.
#   scripts/bootstrap.sh            build + run + test packages (developers, CI)
#   scripts/bootstrap.sh --build    only what compiling the service needs (Docker builder)
#   scripts/bootstrap.sh --runtime  only what the runtime image needs
set -euo pipefail

# Compile the service (the Docker builder needs only these).
build_pkgs=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libssl-dev ca-certificates
  libpqxx-dev libpq-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libeigen3-dev libyaml-cpp-dev
  libhowardhinnant-date-dev libsimdjson-dev tzdata
)
# Run it locally and test it: Postgres, test frameworks, the QuantLib reference, load and browser tools.
test_pkgs=(
  postgresql-15 catch2 libbenchmark-dev libquantlib0v5 wrk chromium nodejs npm curl procps
)
# The runtime image.
runtime_pkgs=(
  ca-certificates tzdata curl libssl3 libpqxx-6.4 libpq5 libspdlog1.10 libfmt9 libyaml-cpp0.7 libdate-tz3 libsimdjson14
)

mode=${1:-all}
case "$mode" in
  all) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  --build) pkgs=("${build_pkgs[@]}") ;;
  --runtime) pkgs=("${runtime_pkgs[@]}") ;;
  *) echo "usage: scripts/bootstrap.sh [--build|--runtime]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  # node/npm may come from outside Debian (e.g. NodeSource); accept working binaries.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# QuantLib (test-only reference): libquantlib0-dev depends on Boost 1.74's dev packages, which conflict
# with libboost1.81-dev, so its headers are unpacked from the Debian archive into .deps/ instead.
unpack_quantlib_headers() {
  local root dest tmp
  root=$(cd "$(dirname "$0")/.." && pwd); dest="$root/.deps/quantlib"
  [ -f "$dest/usr/include/ql/quantlib.hpp" ] && return 0
  tmp=$(mktemp -d); chmod 755 "$tmp"
  if ! (cd "$tmp" && apt-get download -q libquantlib0-dev >/dev/null 2>&1); then
    # empty package lists on a fresh machine: refresh them once and retry
    local sudo=(); [ "$(id -u)" != 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -q >/dev/null
    (cd "$tmp" && apt-get download -q libquantlib0-dev >/dev/null 2>&1) \
      || { echo "bootstrap: could not download libquantlib0-dev from the Debian archive" >&2; rm -rf "$tmp"; return 1; }
  fi
  mkdir -p "$dest"; dpkg -x "$tmp"/libquantlib0-dev_*.deb "$dest"; rm -rf "$tmp"
}

if [ ${#missing[@]} -eq 0 ]; then
  [ "$mode" = all ] && unpack_quantlib_headers
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
[ "$mode" = all ] && unpack_quantlib_headers
exit 0
