#!/usr/bin/env bash
# Packaging benchmark (not a ctest test): Slipway `bundle zip --key` versus the Capgo CLI
# (`bundle zip` + `bundle encrypt`) and versus Info-ZIP `zip -r -6` + sha256sum + openssl enc, on
# generated web builds (bench/mkbuild.py: compressible JS/CSS plus incompressible media).
#
#   bash bench/bundle-bench.sh [SIZE_MIB ...]        default: 200
# Environment: SLIPWAY_BIN (default build/app/slipway), RUNS (default 3, the best wall time is kept),
#   BENCH_DIR (default /tmp/slipway-bench), CAPGO_DIR (default .deps/capgo-cli), SKIP_CAPGO=1.
# Prints a Markdown table: wall time, ratios, zip size (and size versus Info-ZIP), peak RSS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SLIPWAY_BIN=${SLIPWAY_BIN:-$ROOT/build/app/slipway}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/slipway-bench}
CAPGO_DIR=${CAPGO_DIR:-$ROOT/.deps/capgo-cli}
KEY=$ROOT/tests/data/vectors/capgo-cli-8.68.1/capgo_key_v2.pem
SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(200)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
[ -x "$SLIPWAY_BIN" ] || { echo "bench: $SLIPWAY_BIN is missing: build first" >&2; exit 1; }
mkdir -p "$BENCH_DIR"

# Runs "$@" RUNS times; sets WALL (best seconds), CPU (user+sys seconds) and RSS (peak KiB) of that best run.
measure() {
  local best= bestrss= bestcpu= i t rss u s
  for ((i = 0; i < RUNS; i++)); do
    rm -f "$OUT"/*
    "$TIME" -f '%e %M %U %S' -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>"$BENCH_DIR/stderr.txt" \
      || { echo "bench: failed: $*" >&2; cat "$BENCH_DIR/stderr.txt" >&2; exit 1; }
    read -r t rss u s < <(tail -1 "$BENCH_DIR/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; bestrss=$rss; bestcpu=$(awk "BEGIN{print $u + $s}"); fi
  done
  WALL=$best; RSS=$bestrss; CPU=$bestcpu
}

capgo_project() {
  local proj=$BENCH_DIR/capgo-project
  mkdir -p "$proj"
  printf '{"appId":"com.example.bench","appName":"Bench","webDir":"dist"}\n' > "$proj/capacitor.config.json"
  printf '{"name":"bench","version":"1.0.0","dependencies":{"@capgo/capacitor-updater":"8.51.14"}}\n' > "$proj/package.json"
  ln -sfn "$CAPGO_DIR/node_modules" "$proj/node_modules"
  echo "$proj"
}

cat > "$BENCH_DIR/capgo.sh" <<'SH'
#!/usr/bin/env bash
# bundle zip, then bundle encrypt with the checksum it printed (what a Capgo user runs).
set -euo pipefail
cd "$1"; export CI=true CAPGO_DISABLE_TELEMETRY=true
sum=$(node_modules/.bin/capgo bundle zip com.example.bench --path "$2" --bundle 1.0.0 --name "$3/capgo.zip" --json </dev/null 2>/dev/null \
  | python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t[t.index("{"):])["checksum"])')
node_modules/.bin/capgo bundle encrypt "$3/capgo.zip" "$sum" --key "$4" --json </dev/null >/dev/null 2>&1
SH
cat > "$BENCH_DIR/infozip.sh" <<'SH'
#!/usr/bin/env bash
# Info-ZIP at level 6, then the checksum and AES-128-CBC as separate passes over the zip.
set -euo pipefail
cd "$1"; zip -qr -6 "$2/infozip.zip" .
sha256sum "$2/infozip.zip" >/dev/null
openssl enc -aes-128-cbc -K 000102030405060708090a0b0c0d0e0f -iv 0f0e0d0c0b0a09080706050403020100 \
  -in "$2/infozip.zip" -out "$2/infozip.zip.encrypted"
SH

echo "| build | tool | wall (s) | Slipway speed-up (wall) | CPU user+sys (s) | CPU ratio | zip size (bytes) | size vs Info-ZIP | peak RSS (MiB) |"
echo "|---|---|---|---|---|---|---|---|---|"
for size in "${SIZES[@]}"; do
  BUILD=$BENCH_DIR/build-$size
  [ -f "$BUILD/index.html" ] || python3 "$ROOT/bench/mkbuild.py" "$BUILD" "$size" >/dev/null
  OUT=$BENCH_DIR/out-$size; mkdir -p "$OUT"
  cat $(find "$BUILD" -type f) >/dev/null   # every tool starts from a warm page cache

  measure "$SLIPWAY_BIN" bundle zip --path "$BUILD" --out "$OUT/slipway.zip" --key "$KEY" --json
  sw=$WALL; srss=$RSS; scpu=$CPU; ssize=$(stat -c %s "$OUT/slipway.zip")
  measure bash "$BENCH_DIR/infozip.sh" "$BUILD" "$OUT"
  iw=$WALL; irss=$RSS; icpu=$CPU; isize=$(stat -c %s "$OUT/infozip.zip")
  if [ "${SKIP_CAPGO:-}" != 1 ]; then
    measure bash "$BENCH_DIR/capgo.sh" "$(capgo_project)" "$BUILD" "$OUT" "$KEY"
    cw=$WALL; crss=$RSS; ccpu=$CPU; csize=$(stat -c %s "$OUT/capgo.zip")
  fi
  row() { awk -v b="$size MiB" -v t="$1" -v w="$2" -v s="$3" -v r="$4" -v c="$5" -v sw="$sw" -v sc="$scpu" -v is="$isize" \
    'BEGIN{printf "| %s | %s | %.2f | %.2fx | %.2f | %.2fx | %d | %+.2f%% | %.1f |\n", b, t, w, w/sw, c, c/sc, s, (s/is-1)*100, r/1024}'; }
  row "Slipway bundle zip --key" "$sw" "$ssize" "$srss" "$scpu"
  [ "${SKIP_CAPGO:-}" = 1 ] || row "Capgo CLI bundle zip + encrypt" "$cw" "$csize" "$crss" "$ccpu"
  row "Info-ZIP -6 + sha256sum + openssl" "$iw" "$isize" "$irss" "$icpu"
  rm -rf "$OUT"
done
echo
echo "Cores: $(nproc); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); runs per tool: $RUNS (best kept)"
