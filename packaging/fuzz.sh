#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each on its seed corpus.
#   bash packaging/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
# Fails when any target finds a crash; the reproducer is left in build-fuzz/findings/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-30}
BUILD=${SLIPWAY_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
JOBS=${JOBS:-$(nproc)}
# shellcheck source=packaging/compiler-cache.sh
source "$ROOT/packaging/compiler-cache.sh"
CC=${CC_FUZZ:-clang-14} CXX=${CXX_FUZZ:-clang++-14} cmake -S "$ROOT" -B "$BUILD" -DSLIPWAY_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="${CC_FUZZ:-clang-14}" -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++-14}" >/dev/null
cmake --build "$BUILD" -j"$JOBS"
mkdir -p "$BUILD/findings"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
status=0
for target in $(find "$BUILD/tests/fuzz" -maxdepth 1 -name "fuzz_*" -type f -executable | sort); do
  name=$(basename "$target")
  work="$BUILD/corpus/$name"
  mkdir -p "$work"
  cp -n "$ROOT/tests/fuzz/corpus/$name/"* "$work/" 2>/dev/null || true
  log="$BUILD/findings/$name.log"
  if "$target" "$work" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
       -artifact_prefix="$BUILD/findings/$name-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz: $name: ${runs:-?} executions in ${SECONDS_EACH}s, no finding"
  else
    echo "fuzz: $name: FINDING (see $log)"; tail -n 40 "$log"; status=1
  fi
done
exit $status
