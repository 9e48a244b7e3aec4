#!/usr/bin/env bash
# A staged rollout that halts itself, in one command (a scratch workspace; nothing of yours is touched):
#   starts `slipway serve`, releases 1.0.0, gives 1,000 simulated phones 1.0.0, releases 1.1.0 straight into a 10 %
#   rollout (`release --rollout-percent 10`: the others stay on 1.0.0), then runs rounds of the fleet in which 30 % of the phones fail to apply 1.1.0, until the health policy halts it.
# Usage: bash bench/rollout-demo.sh [SLIPWAY_BIN]   (PHONES=1000 FAIL_RATE=0.3 KEEP=1 keeps the workspace)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
PHONES=${PHONES:-1000}
FAIL_RATE=${FAIL_RATE:-0.3}
APP=com.example.demo
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-rollout-demo.XXXXXX)
SERVE_PID=
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; [ -n "${KEEP:-}" ] && echo "workspace kept: $W" || rm -rf "$W"; }
trap cleanup EXIT
S=("$BIN" --data-dir "$W/data")
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "A key pair and the first release of $APP (1.0.0 on production, for every phone)"
mkdir -p "$W/keys"; "${S[@]}" key create --out "$W/keys" >/dev/null
for v in 1.0.0 1.1.0; do
  mkdir -p "$W/build-$v"; echo "<!doctype html><html><body>Demo $v<script src=app.js></script></body></html>" > "$W/build-$v/index.html"
  echo "CapacitorUpdater.notifyAppReady(); // $v" > "$W/build-$v/app.js"
done
"${S[@]}" release --app-id "$APP" --version 1.0.0 --path "$W/build-1.0.0" --key "$W/keys/.capgo_key_v2" --json >/dev/null
echo "released 1.0.0 on production"

say "slipway serve on loopback"
"${S[@]}" serve --port 0 --json --manifest-ttl 0.1 > "$W/serve.json" 2> "$W/serve.log" &
SERVE_PID=$!
for _ in $(seq 50); do [ -s "$W/serve.json" ] && break; sleep 0.1; done
UPDATES=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["updateUrl"])' "$W/serve.json")
echo "update URL: $UPDATES"
FLEET=("${S[@]}" device fleet --update-url "$UPDATES" --app-id "$APP" --public-key "$W/keys/.capgo_key_v2.pub"
       --devices "$PHONES" --state "$W/fleet.json" --plugin-versions 6.14.0,7.21.0,8.51.14)

say "$PHONES phones ask for updates: everyone gets the stable 1.0.0"
"${FLEET[@]}"

say "Release 1.1.0 to 10 % first (default policy: pause when, after 50 phones, the 95 % lower bound of failures > 5 %)"
"${S[@]}" release --app-id "$APP" --version 1.1.0 --path "$W/build-1.1.0" --key "$W/keys/.capgo_key_v2" \
  --rollout-percent 10 --notes "demo canary" --quiet | grep -E "completed|rollout"

for round in 1 2 3; do
  say "Fleet round $round: $(python3 -c "print(round($FAIL_RATE*100))") % of the phones fail to apply 1.1.0"
  "${FLEET[@]}" --fail-rate "$FAIL_RATE" --fail-version 1.1.0 --seed "$round"
  sleep 1.5 # serve writes the stats in batches and asks the policy at most once a second
  if "${S[@]}" channel status --app-id "$APP" --channel production --json | grep -q '"state": "halted"'; then break; fi
done

say "channel status: the rollout halted itself"
"${S[@]}" channel status --app-id "$APP" --channel production
FAILED=$("${S[@]}" channel status --app-id "$APP" --channel production --json |
  python3 -c 'import json,sys;c=json.load(sys.stdin)["channels"][0];print((c["rollout"].get("halt",{}).get("tally",{}).get("example_devices") or [""])[0])')

say "One more round: nobody new is offered 1.1.0"
"${FLEET[@]}"

if [ -n "$FAILED" ]; then
  say "Why did $FAILED get what it got?"
  "${S[@]}" device explain --app-id "$APP" --device-id "$FAILED"
fi
say "The audit chain holds the halt with its numbers"
"${S[@]}" history verify | tail -1
grep -h "rollout halted" "$W/serve.log" | head -1 || true
