#!/usr/bin/env bash
# The release history at team scale (not part of ctest): tests/tst_history_benchmark against a throw-away
# PostgreSQL 15 (tests/servers/postgresql.sh: loopback, fsync off) holding PG_RELEASES releases, then against an
# SQLite file holding SQLITE_RELEASES. Each prints `history list` with filters and with --search (in-process and as a
# whole `slipway` process), and `history verify` in rows/s; the peak memory of each run comes after it. Then the desktop
# views on each history (tests/tst_views_at_scale): the Releases view, the Channels view and the key inspector.
# Usage: bash bench/history-bench.sh [BUILD_DIR]   (PG_RELEASES=1000000 SQLITE_RELEASES=100000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
PG_RELEASES=${PG_RELEASES:-1000000}
SQLITE_RELEASES=${SQLITE_RELEASES:-100000}
BENCH=$BUILD/tests/tst_history_benchmark
VIEWS=$BUILD/tests/tst_views_at_scale
[ -x "$BENCH" ] && [ -x "$VIEWS" ] && [ -x "$BUILD/app/slipway" ] || { echo "build first (cmake --build $BUILD)" >&2; exit 2; }
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
eval "$(bash "$ROOT/tests/servers/postgresql.sh" start "$PORT" slipway "$(openssl rand -hex 12)" history)"
trap 'bash "$ROOT/tests/servers/postgresql.sh" stop "$PG_PID" "$PG_DIR"; rm -rf "$WORK"' EXIT
# The releases are signed with a real key, so that the key inspector can be shown them.
"$BUILD/app/slipway" key create --out "$WORK" >/dev/null
export SLIPWAY_BENCH_KEY=$WORK/.capgo_key_v2.pub
SLIPWAY_BENCH_KEY_FINGERPRINT=$("$BUILD/app/slipway" key inspect "$SLIPWAY_BENCH_KEY" --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["fingerprint"])')
export SLIPWAY_BENCH_KEY_FINGERPRINT
# QtTest stops a test function after 5 minutes unless told otherwise: a million releases take longer to write.
export QTEST_FUNCTION_TIMEOUT=7200000
run() { /usr/bin/time -f "BENCH peak memory of the run: %M KiB" "$@" 2>&1 | grep -E 'BENCH|FAIL'; }
echo "== PostgreSQL 15: $PG_RELEASES releases"
PGPASSWORD=$PG_PASSWORD SLIPWAY_BENCH_HISTORY=$PG_URL SLIPWAY_BENCH_RELEASES=$PG_RELEASES \
  SLIPWAY_BIN=$BUILD/app/slipway run "$BENCH"
PGPASSWORD=$PG_PASSWORD SLIPWAY_BENCH_HISTORY=$PG_URL QT_QPA_PLATFORM=offscreen run "$VIEWS"
echo "== SQLite: $SQLITE_RELEASES releases"
SLIPWAY_BENCH_HISTORY=$WORK/history.sqlite SLIPWAY_BENCH_RELEASES=$SQLITE_RELEASES SLIPWAY_BIN=$BUILD/app/slipway \
  run "$BENCH"
SLIPWAY_BENCH_HISTORY=$WORK/history.sqlite QT_QPA_PLATFORM=offscreen run "$VIEWS"
