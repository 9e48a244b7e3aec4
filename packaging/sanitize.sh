#!/usr/bin/env bash
# Builds Slipway with AddressSanitizer + UndefinedBehaviorSanitizer (leak detection on) into
# build-asan/ and runs the whole test suite there; any sanitizer report fails its test.
# Run after `bash packaging/setup.sh test` (which installs what the tests need).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SLIPWAY_ASAN_BUILD_DIR:-$ROOT/build-asan}
JOBS=${JOBS:-$(nproc)}
# shellcheck source=packaging/compiler-cache.sh
source "$ROOT/packaging/compiler-cache.sh"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLIPWAY_SANITIZE=ON >/dev/null
cmake --build "$BUILD" -j"$JOBS"
cd "$BUILD"
# gui_test_typing_x11 types into a real window with real-time X input and fixed waits between steps, which the
# several times slower sanitized app cannot keep up with; it runs in the main suite, and tst_typing and
# tst_keyboard drive the same pages through the focus chain here.
ctest --output-on-failure -j"$JOBS" --timeout 900 -E '^gui_test_typing_x11$'
