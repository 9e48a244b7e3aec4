#!/usr/bin/env bash
# Encrypt/decrypt throughput and peak memory of Slipway's streaming bundle cipher on a large file,
# side by side with `openssl enc -aes-128-cbc` + `sha256sum` on the same file.
#   bash bench/crypto-bench.sh [SIZE_MIB]   (default 256)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SLIPWAY_BIN:-$ROOT/build/app/slipway}
SIZE=${1:-256}
W=$(mktemp -d /tmp/slipway-crypto-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
head -c $((SIZE * 1024 * 1024)) /dev/urandom > "$W/bundle.zip"
"$BIN" key create --out "$W" >/dev/null

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out" 2>/dev/null || true
  read -r secs kib < <(tail -n 1 "$W/time")
  awk -v l="$label" -v s="$secs" -v k="$kib" -v m="$SIZE" \
    'BEGIN { printf "%-34s %7.2f s  %8.1f MiB/s  peak %6.1f MiB\n", l, s, (s > 0 ? m / s : 0), k / 1024 }'
}

echo "Input: $SIZE MiB of random data ($(nproc) cores)"
measure "slipway bundle encrypt" "$BIN" bundle encrypt "$W/bundle.zip" --key "$W/.capgo_key_v2" --out "$W/b.enc" --json
IV=$(python3 -c "import json;print(json.load(open('$W/out'))['ivSessionKey'])")
CK=$(python3 -c "import json;print(json.load(open('$W/out'))['checksum'])")
measure "slipway bundle decrypt --checksum" "$BIN" bundle decrypt "$W/b.enc" --iv-session-key "$IV" --key "$W/.capgo_key_v2.pub" --checksum "$CK" --out "$W/plain.zip"
cmp "$W/bundle.zip" "$W/plain.zip"
measure "slipway bundle verify" "$BIN" bundle verify "$W/b.enc" --iv-session-key "$IV" --key "$W/.capgo_key_v2.pub" --checksum "$CK"
K=$(head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n'); I=$(head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n')
measure "openssl enc -aes-128-cbc" openssl enc -aes-128-cbc -K "$K" -iv "$I" -in "$W/bundle.zip" -out "$W/o.enc"
measure "sha256sum" sha256sum "$W/bundle.zip"
