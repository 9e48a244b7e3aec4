#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) over every translation unit of core/, ui/ and app/ and
# fails on any warning; units unchanged since they were found clean are not checked again. Needs a
# configured build with compile_commands.json (default build/, as left by `bash packaging/setup.sh
# build|test`; its generated moc headers must exist, so build it first).
#   bash packaging/tidy.sh [FILE-REGEX]     e.g. 'core/crypto/' to check one module
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SLIPWAY_BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc)}
FILTER=${1:-}
if ! command -v clang-tidy-14 >/dev/null; then
  echo "tidy: clang-tidy-14 is not installed (sudo apt-get install clang-tidy-14)" >&2
  exit 1
fi
if [ ! -f "$BUILD/compile_commands.json" ]; then
  echo "tidy: $BUILD/compile_commands.json is missing: run 'bash packaging/setup.sh build' first" >&2
  exit 1
fi
# Units found clean before with the same preprocessed source, flags and config are not checked again
# (packaging/tidy_units.py explains why that is safe).
exec /usr/bin/python3 "$ROOT/packaging/tidy_units.py" "$BUILD" "$ROOT" "^$ROOT/(core|ui|app)/.*${FILTER}" "$JOBS" \
  "$BUILD/clang-tidy.log"
