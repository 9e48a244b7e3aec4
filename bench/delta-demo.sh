#!/usr/bin/env bash
# A delta update in one command (a scratch workspace; nothing of yours is touched): makes a ~2,000-file web build
# (bench/mkbuild.py, 20 MiB), releases 1.0.0 into the default local workspace, starts `slipway serve` (which serves
# the bundles and delta objects over HTTP), gives a phone 1.0.0, changes one file, releases 1.0.1, and the phone
# updates by downloading one file. Prints what the phone downloaded against the zip.
# Usage: bash bench/delta-demo.sh [SLIPWAY_BIN]   (MB=20 sets the build size; KEEP=1 keeps the workspace)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
MB=${MB:-20}
APP=com.example.delta
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-delta-demo.XXXXXX)
SERVE_PID=
cleanup() { [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null; [ -n "${KEEP:-}" ] && echo "workspace kept: $W" || rm -rf "$W"; }
trap cleanup EXIT
S=("$BIN" --data-dir "$W/data")
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

say "A key pair and a ${MB} MiB web build"
mkdir -p "$W/keys"; "${S[@]}" key create --out "$W/keys" >/dev/null
python3 "$ROOT/bench/mkbuild.py" "$W/build-1.0.0" "$MB"

say "Release 1.0.0 (zip and delta objects in one packaging pass)"
"${S[@]}" release --app-id "$APP" --version 1.0.0 --path "$W/build-1.0.0" --key "$W/keys/.capgo_key_v2" --json > "$W/r1.json" 2> "$W/r1.log"
field "$W/r1.json" '"1.0.0: %d files, zip %d bytes" % (d["delta"]["files"], d["delta"]["zip_bytes"])'

say "slipway serve on loopback: /updates, and /files/ for the bundles and objects"
"${S[@]}" serve --port 0 --json > "$W/serve.json" 2> "$W/serve.log" &
SERVE_PID=$!
for _ in $(seq 50); do [ -s "$W/serve.json" ] && break; sleep 0.1; done
UPDATES=$(field "$W/serve.json" 'd["updateUrl"]')
PHONE=("${S[@]}" device simulate --update-url "$UPDATES" --app-id "$APP" --public-key "$W/keys/.capgo_key_v2.pub"
       --cache "$W/phone-cache" --json)

say "A phone installs 1.0.0 through the delta (its cache keeps every file)"
"${PHONE[@]}" --out "$W/phone-1.0.0" > "$W/p1.json"
field "$W/p1.json" '"%s via %s: %d files downloaded, %d bytes" % (d["version"], d["path"], d["filesDownloaded"], d["bytesDownloaded"])'

say "One file changes; release 1.0.1"
cp -r "$W/build-1.0.0" "$W/build-1.0.1"
echo "export const fixed = true;" >> "$W/build-1.0.1/assets/main.js"
"${S[@]}" release --app-id "$APP" --version 1.0.1 --path "$W/build-1.0.1" --key "$W/keys/.capgo_key_v2" --json > "$W/r2.json" 2> "$W/r2.log"
field "$W/r2.json" '"a phone on %s downloads %d of %d files, %d bytes; the zip is %d bytes" % (d["delta"]["previous_version"], d["delta"]["files_to_download"], d["delta"]["files"], d["delta"]["bytes_to_download"], d["delta"]["zip_bytes"])'

say "The phone on 1.0.0 asks again"
"${PHONE[@]}" --version-name 1.0.0 --out "$W/phone-1.0.1" > "$W/p2.json"
field "$W/p2.json" '"%s via %s: %d downloaded (%d bytes), %d reused from the cache" % (d["version"], d["path"], d["filesDownloaded"], d["bytesDownloaded"], d["reusedCache"])'
diff -r "$W/build-1.0.1" "$W/phone-1.0.1" && echo "the phone's bundle equals build 1.0.1, byte for byte"
