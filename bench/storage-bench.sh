#!/usr/bin/env bash
# Storage benchmark (not part of ctest), all in one run against a local Ceph RADOS Gateway:
#   200 MiB: curl --aws-sigv4 -T (one PUT, no integrity check) vs slipway as one PUT; curl doing
#            Slipway's multipart (16 MiB parts, 4 in flight) without hashing vs slipway's default.
#   2,000 files of 4-64 KiB: xargs -P 8 curl -T vs slipway upload --objects (8 in flight).
# Every slipway run includes its hashing and the proof of what landed; CPU seconds are slipway's own
# (user + system). curl 7.88's --aws-sigv4 sometimes segfaults on some multipart upload ids: such
# runs are retried, not counted (none seen since the part uploads got their arguments right). The load average is printed before and after: the machine is shared.
# Usage (root; packages from tests/servers/install.sh):  bash bench/storage-bench.sh [SLIPWAY_BIN] [ROUNDS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
ROUNDS=${2:-3}
SIZE_MIB=${SIZE_MIB:-200}
SMALL_FILES=${SMALL_FILES:-2000}
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-bench.XXXXXX)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
MON=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
eval "$(CEPH_MON_PORT=$MON CEPH_MEMSTORE_BYTES=$((8 << 30)) "$ROOT/tests/servers/s3-radosgw-ceph.sh" start "$PORT" benchkey benchsecret)"
trap '"$ROOT/tests/servers/s3-radosgw-ceph.sh" stop "$CEPH_DIR" "$CEPH_PIDS"; rm -rf "$W"' EXIT
S3=(--aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
curl -fsS "${S3[@]}" -X PUT "$S3_ENDPOINT/bench" >/dev/null
head -c $((SIZE_MIB << 20)) /dev/urandom > "$W/bundle.zip"
python3 - "$W/small" "$SMALL_FILES" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    rel = f"d{i % 20:02d}/f{i:04d}.bin"
    os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
    with open(os.path.join(root, rel), "wb") as f:
        f.write(os.urandom(4096 + (i * 7919) % (60 * 1024)))
PY
(cd "$W/small" && find . -type f | sed 's:^\./::' | sort > "$W/small.list")
SMALL_BYTES=$(cat "$W"/small/*/* | wc -c)
export AWS_ACCESS_KEY_ID=benchkey AWS_SECRET_ACCESS_KEY=benchsecret
URL="s3://bench/run?endpoint=$S3_ENDPOINT"

# timed OUT COMMAND...: runs the command, appends "wall cpu" (seconds; cpu = user + system of the
# command and its children) to $W/OUT. A command killed by a signal (curl's segfault) is run again.
cat > "$W/timed.py" <<'PY'
import os, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
for attempt in range(5):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode == 0:
        with open(out, "a") as f:
            f.write(f"{wall:.3f} {cpu:.3f}\n")
        sys.exit(0)
    if r.returncode < 0 or r.returncode in (125, 139) or r.returncode >= 128:
        print(f"  ({os.path.basename(cmd[0])} died with {r.returncode}, probably curl's --aws-sigv4 segfault: run again, not counted)",
              file=sys.stderr)
        continue
    sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}")
sys.exit("killed by a signal five times in a row")
PY
timed() { python3 "$W/timed.py" "$W/$1" "${@:2}"; }
cleanup() { curl -s "${S3[@]}" -X DELETE "$S3_ENDPOINT/bench/$1" >/dev/null || true; }

# curl doing a multipart upload the way Slipway does (16 MiB parts, 4 in flight), without any hashing:
# what the gateway itself can take in multipart. The file is split beforehand (not timed).
mkdir -p "$W/parts"; split -b 16M -d -a 3 "$W/bundle.zip" "$W/parts/p"
cat > "$W/curl-multipart.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
W=$1 E=$2
S3=(--aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD")
up=$(curl -fsS "${S3[@]}" -X POST "$E/bench/cm.zip?uploads=" | sed -n 's:.*<UploadId>\(.*\)</UploadId>.*:\1:p')
q=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$up")
rm -f "$W"/etag.*
abort() { curl -s "${S3[@]}" -X DELETE "$E/bench/cm.zip?uploadId=$q" >/dev/null || true; }
trap abort ERR
# xargs appends each "NUMBER FILE" pair after the fixed arguments: $1 URL, $2 work folder, $3 upload
# id, $4 part number, $5 part file. (An earlier version had them the other way round, so curl signed
# a URL without a scheme and segfaulted: that, not the upload ids, was "curl's segfault".) A curl that
# still dies of a signal makes the whole run report 139, so that it is retried, not counted.
set +e
ls "$W/parts" | nl -v1 | xargs -P 4 -n 2 sh -c 'curl -fsS -D "$2/etag.$4" -o /dev/null --aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$2/parts/$5" "$1?partNumber=$4&uploadId=$3"; rc=$?; [ $rc -ge 128 ] && exit 255; exit $rc' \
  _ "$E/bench/cm.zip" "$W" "$q"
rc=$?
set -e
if [ $rc -eq 124 ]; then abort; exit 139; fi
[ $rc -eq 0 ] || { abort; exit 1; }
xml="<CompleteMultipartUpload>"
for n in $(seq "$(ls "$W/parts" | wc -l)"); do
  xml+="<Part><PartNumber>$n</PartNumber><ETag>$(tr -d '\r' < "$W/etag.$n" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')</ETag></Part>"
done
xml+="</CompleteMultipartUpload>"
curl -fsS "${S3[@]}" -X POST --data-binary "$xml" "$E/bench/cm.zip?uploadId=$q" | grep -q CompleteMultipartUploadResult
SH
# 2,000 small files the way a script would: one curl per file, 8 at a time.
cat > "$W/curl-small.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
W=$1 E=$2 P=$3
cd "$W/small"
xargs -P 8 -I{} curl -fsS -o /dev/null --aws-sigv4 aws:amz:us-east-1:s3 --user benchkey:benchsecret \
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T {} "$E/bench/$P/{}" < "$W/small.list"
SH

echo "load before: $(uptime)"
for r in $(seq "$ROUNDS"); do
  timed curl curl -fsS -o /dev/null "${S3[@]}" -T "$W/bundle.zip" "$S3_ENDPOINT/bench/curl.zip"; cleanup curl.zip
  timed curlmp bash "$W/curl-multipart.sh" "$W" "$S3_ENDPOINT"; cleanup cm.zip
  timed single "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as single.zip --quiet --multipart-threshold 1000000; cleanup run/single.zip
  timed multi1 "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as multi1.zip --quiet --parallel 1; cleanup run/multi1.zip
  timed multi "$BIN" --data-dir "$W/data" upload "$W/bundle.zip" --storage "$URL" --as multi.zip --quiet; cleanup run/multi.zip
  timed cursmall bash "$W/curl-small.sh" "$W" "$S3_ENDPOINT" "curl-small-$r"
  timed objects "$BIN" --data-dir "$W/data" upload --objects "$W/small" --journal "$W/journal-$r" --storage "$URL" --as "small-$r" --quiet --parallel 8
  sleep 1
done
echo "load after:  $(uptime)"
python3 - "$W" "$SIZE_MIB" "$SMALL_FILES" "$SMALL_BYTES" <<'PY'
import statistics, sys
w, size, files, small_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def runs(name):
    with open(f"{w}/{name}") as f:
        return [tuple(map(float, line.split())) for line in f if line.strip()]
rows = [("curl", f"curl --aws-sigv4 -T (one PUT)", size << 20), ("single", "slipway, one PUT", size << 20),
        ("curlmp", "curl multipart 16 MiB x 4, no hashing", size << 20), ("multi1", "slipway, multipart 16 MiB x 1", size << 20),
        ("multi", "slipway, multipart 16 MiB x 4 (default)", size << 20),
        ("cursmall", f"xargs -P 8 curl -T, {files} files", small_bytes), ("objects", f"slipway --objects, {files} files, 8 in flight", small_bytes)]
med = {}
for key, name, nbytes in rows:
    r = runs(key)
    wall = statistics.median(x[0] for x in r)
    cpu = statistics.median(x[1] for x in r)
    med[key] = wall
    print(f"{name:44s} median {wall:6.2f} s {nbytes / wall / 2**20:7.1f} MiB/s  cpu {cpu / (nbytes / 2**30):5.2f} s/GiB"
          f"   runs: {' '.join(f'{x[0]:.2f}' for x in r)}")
print(f"slipway default vs curl doing the same multipart (goal >= 0.95): {med['curlmp'] / med['multi']:.2f}x")
print(f"slipway one PUT vs curl -T (goal >= 0.95):                      {med['curl'] / med['single']:.2f}x")
print(f"slipway {files} objects vs xargs -P 8 curl -T (goal >= 1):       {med['cursmall'] / med['objects']:.2f}x")
print(f"slipway default vs curl -T:                                      {med['curl'] / med['multi']:.2f}x")
PY
