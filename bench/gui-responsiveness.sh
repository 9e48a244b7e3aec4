#!/bin/sh
# The longest UI event-loop stall while the desktop wizard runs a 200 MiB release (goal: < 100 ms).
# Usage: bench/gui-responsiveness.sh [BUILD_DIR] [MIB]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
mib=${2:-200}
cmake --build "$build" --target slipway-gui-bench -j2 >/dev/null
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
exec "$build/ui/slipway-gui-bench" --mib "$mib"
