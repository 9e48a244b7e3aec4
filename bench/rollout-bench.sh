#!/usr/bin/env bash
# Rollout throughput (not part of ctest): `slipway serve` on loopback under wrk, with a rollout running.
#   1. POST /stats, 32 events a request, cycling through BENCH_DEVICES phone ids (the history ends up holding
#      all of them; the health policy judges the rollout after every batch written);
#   2. POST /updates from random phone ids (cohort decision per request) with those stats in the history;
#   3. serve stopped (it writes what is queued), then every acknowledged event is counted in the history.
# Usage: bash bench/rollout-bench.sh [SLIPWAY_BIN]   (DURATION=20 BENCH_DEVICES=100000 CONNECTIONS=32)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-32}
export BENCH_DEVICES=${BENCH_DEVICES:-100000} BENCH_APP=com.example.bench
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk (packaging/setup.sh installs it)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-rollout-bench.XXXXXX)
SERVE_PID=
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
S=("$BIN" --data-dir "$W/data")
mkdir -p "$W/keys"; "${S[@]}" key create --out "$W/keys" --json >/dev/null
for v in 1.0.0 1.1.0; do
  mkdir -p "$W/build-$v"; echo "<!doctype html><html><body>$v<script src=app.js></script></body></html>" > "$W/build-$v/index.html"
  echo "CapacitorUpdater.notifyAppReady(); // $v" > "$W/build-$v/app.js"
done
"${S[@]}" release --app-id "$BENCH_APP" --version 1.0.0 --path "$W/build-1.0.0" --key "$W/keys/.capgo_key_v2" --json >/dev/null
"${S[@]}" release --app-id "$BENCH_APP" --version 1.1.0 --channel beta --path "$W/build-1.1.0" --key "$W/keys/.capgo_key_v2" --json >/dev/null
"${S[@]}" channel rollout --app-id "$BENCH_APP" --version 1.1.0 --percent 10 --reason "throughput bench"
"${S[@]}" serve --port 0 --json --max-connections 256 --manifest-ttl 1 > "$W/serve.json" 2> "$W/serve.log" &
SERVE_PID=$!
for _ in $(seq 50); do [ -s "$W/serve.json" ] && break; sleep 0.1; done
PORT=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["port"])' "$W/serve.json")
URL="http://127.0.0.1:$PORT"
echo "== /stats: ${DURATION}s, $CONNECTIONS connections, $BENCH_DEVICES phone ids"
STATS=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/rollout-stats.lua" "$URL" | tee /dev/stderr | grep '^BENCH stats')
echo "== /updates: ${DURATION}s, $CONNECTIONS connections"
UPDATES=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/rollout-updates.lua" "$URL" | tee /dev/stderr | grep '^BENCH updates')
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || true; SERVE_PID=
SENT=$(echo "$STATS" | sed -n 's/.* events=\([0-9]*\) non2xx=\([0-9]*\).*/\1 \2/p')
read -r EVENTS NON2XX <<<"$SENT"
DB="$W/data/history.sqlite"
STORED=$(sqlite3 "$DB" "SELECT count(*) FROM device_events WHERE app_id = '$BENCH_APP'")
PHONES=$(sqlite3 "$DB" "SELECT count(*) FROM device_versions WHERE app_id = '$BENCH_APP'")
echo "$STATS"
echo "$UPDATES"
echo "RESULT acknowledged_events=$((EVENTS - NON2XX * 32)) stored_events=$STORED phones_in_history=$PHONES"
"${S[@]}" channel status --app-id "$BENCH_APP" | sed 's/^/  /'
"${S[@]}" history verify >/dev/null && echo "history verify: ok"
[ "$STORED" -ge $((EVENTS - NON2XX * 32)) ] || { echo "LOST EVENTS" >&2; exit 1; }
