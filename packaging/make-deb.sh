#!/usr/bin/env bash
# Builds build/deb/slipway_<version>_amd64.deb from an existing build (bash packaging/setup.sh build first).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SLIPWAY_BUILD_DIR:-$ROOT/build}
[ -x "$BUILD/app/slipway" ] || { echo "make-deb: build first (bash packaging/setup.sh build)" >&2; exit 1; }
for tool in help2man dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "make-deb: $tool is missing (apt-get install help2man dpkg-dev)" >&2; exit 1; }
done
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target slipway slipway_icons
mkdir -p "$BUILD/man"
help2man --no-info --name "release manager for self-hosted, encrypted Capacitor live updates" \
  --version-string "$("$BUILD/app/slipway" --version | awk '{print $2}')" "$BUILD/app/slipway" | gzip -9n > "$BUILD/man/slipway.1.gz"
(cd "$BUILD" && cpack -G DEB -B "$BUILD/deb" >/dev/null)
ls "$BUILD"/deb/slipway_*_amd64.deb
