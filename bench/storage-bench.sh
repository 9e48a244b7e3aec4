#!/usr/bin/env bash
# Storage benchmark (not part of ctest): 200 MiB to a local Ceph RADOS Gateway, in the same run:
#   curl --aws-sigv4 -T (one PUT, no integrity check)  vs  slipway upload as one PUT  vs  slipway
#   upload multipart (parallel parts). Every slipway run includes its hashing and the check of what landed.
# Usage (root; packages from tests/servers/install.sh):  bash bench/storage-bench.sh [SLIPWAY_BIN] [ROUNDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
ROUNDS=${2:-3}
SIZE_MIB=${SIZE_MIB:-200}
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-bench.XXXXXX)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
MON=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
eval "$(CEPH_MON_PORT=$MON CEPH_MEMSTORE_BYTES=$((8 << 30)) "$ROOT/tests/servers/s3-radosgw-ceph.sh" start "$PORT" benchkey benchsecret)"
trap '"$ROOT/tests/servers/s3-radosgw-ceph.sh" stop "$CEPH_DIR" "$CEPH_PIDS"; rm -rf "$W"' EXIT
S3=(--aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
curl -fsS "${S3[@]}" -X PUT "$S3_ENDPOINT/bench" >/dev/null
head -c $((SIZE_MIB << 20)) /dev/urandom > "$W/bundle.zip"
export AWS_ACCESS_KEY_ID=benchkey AWS_SECRET_ACCESS_KEY=benchsecret
URL="s3://bench/run?endpoint=$S3_ENDPOINT"

now() { date +%s.%N; }
run() { # run NAME COMMAND... : prints the wall seconds of the command
  local t0 t1; t0=$(now); "${@:2}" >/dev/null; t1=$(now)
  python3 -c "print(f'{$t1-$t0:.3f}')"
}
cleanup() { curl -s "${S3[@]}" -X DELETE "$S3_ENDPOINT/bench/$1" >/dev/null || true; }
# curl doing a multipart upload the way Slipway does (16 MiB parts, 4 in flight), without any hashing:
# what the gateway itself can take in multipart. The file is split beforehand (not timed).
mkdir -p "$W/parts"; split -b 16M -d -a 3 "$W/bundle.zip" "$W/parts/p"
curl_multipart() {
  local up q xml="<CompleteMultipartUpload>" n
  up=$(curl -fsS "${S3[@]}" -X POST "$S3_ENDPOINT/bench/cm.zip?uploads=" | sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
  q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$up")
  rm -f "$W"/etag.*
  ls "$W/parts" | nl -v1 | xargs -P 4 -n 2 sh -c 'curl -fsS -D "$3/etag.$0" -o /dev/null --aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$3/parts/$1" "$2?partNumber=$0&uploadId=$4"' \
    _ "$S3_ENDPOINT/bench/cm.zip" "$W" "$q"
  for n in $(seq "$(ls "$W/parts" | wc -l)"); do
    xml+="<Part><PartNumber>$n</PartNumber><ETag>$(tr -d '\r' < "$W/etag.$n" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')</ETag></Part>"
  done
  xml+="</CompleteMultipartUpload>"
  curl -fsS "${S3[@]}" -X POST --data-binary "$xml" "$S3_ENDPOINT/bench/cm.zip?uploadId=$q" | grep -q CompleteMultipartUploadResult
}

declare -A T
for r in $(seq "$ROUNDS"); do
  T[curl]+=" $(run curl curl -fsS -o /dev/null "${S3[@]}" -T "$W/bundle.zip" "$S3_ENDPOINT/bench/curl.zip")"; cleanup curl.zip
  T[curlmp]+=" $(run curlmp curl_multipart)"; cleanup cm.zip
  T[single]+=" $(run single "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as single.zip --quiet --multipart-threshold 1000000)"; cleanup run/single.zip
  T[multi1]+=" $(run multi1 "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as multi1.zip --quiet --parallel 1)"; cleanup run/multi1.zip
  T[multi]+=" $(run multi "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as multi.zip --quiet)"; cleanup run/multi.zip
  sleep 1
done
python3 - "$SIZE_MIB" "${T[curl]}" "${T[single]}" "${T[multi1]}" "${T[multi]}" "${T[curlmp]}" <<'PY'
import statistics, sys
size = int(sys.argv[1])
names = ["curl --aws-sigv4 -T (one PUT)", "slipway, one PUT", "slipway, multipart 16 MiB x 1", "slipway, multipart 16 MiB x 4 (default)",
         "curl multipart 16 MiB x 4, no hashing"]
med = []
for name, text in zip(names, sys.argv[2:]):
    runs = [float(x) for x in text.split()]
    m = statistics.median(runs)
    med.append(m)
    print(f"{name:42s} median {m:6.2f} s  {size / m:7.1f} MiB/s   runs: {' '.join(f'{x:.2f}' for x in runs)}")
print(f"slipway default vs curl (throughput ratio): {med[0] / med[3]:.2f}x")
print(f"slipway one PUT vs curl:                    {med[0] / med[1]:.2f}x")
print(f"slipway default vs curl doing the same multipart: {med[4] / med[3]:.2f}x")
print(f"multipart speed-up (4 parallel vs 1 part at a time): {med[2] / med[3]:.2f}x; vs one PUT: {med[1] / med[3]:.2f}x")
PY
