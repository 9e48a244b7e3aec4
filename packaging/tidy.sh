#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) over every translation unit of core/, ui/ and app/ and
# fails on any warning. Needs a configured build with compile_commands.json (default build/, as left by
# `bash packaging/setup.sh build|test`; its generated moc headers must exist, so build it first).
#   bash packaging/tidy.sh [FILE-REGEX]     e.g. 'core/crypto/' to check one module
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SLIPWAY_BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc)}
FILTER=${1:-}
if ! command -v run-clang-tidy-14 >/dev/null; then
  echo "tidy: clang-tidy-14 is not installed (sudo apt-get install clang-tidy-14)" >&2
  exit 1
fi
if [ ! -f "$BUILD/compile_commands.json" ]; then
  echo "tidy: $BUILD/compile_commands.json is missing: run 'bash packaging/setup.sh build' first" >&2
  exit 1
fi
log="$BUILD/clang-tidy.log"
status=0
# run-clang-tidy colours its output even into a file; the log is kept plain.
run-clang-tidy-14 -p "$BUILD" -j"$JOBS" -quiet "^$ROOT/(core|ui|app)/.*${FILTER}" 2>&1 \
  | sed 's/\x1b\[[0-9;]*m//g' >"$log" || status=$?
warnings=$(grep -cE '^/.*: (warning|error): ' "$log" || true)
units=$(grep -c '^clang-tidy-14 ' "$log" || true)
if [ "$status" -ne 0 ] || [ "$warnings" -ne 0 ]; then
  grep -E -A3 '^/.*: (warning|error): ' "$log" | head -200
  echo "tidy: $warnings finding(s) in $units translation units (full log: $log)" >&2
  exit 1
fi
if [ "$units" -eq 0 ]; then
  echo "tidy: no translation unit matched; is $BUILD configured for this tree?" >&2
  exit 1
fi
echo "tidy: $units translation units, no finding"
