#!/usr/bin/env bash
# Delta releases against zip-only releases on the same machine in the same run (docs/delta.md):
#   a generated build (bench/mkbuild.py, MB MiB, ~2,000 files); release 1.0.0 with the delta and, in another workspace,
#   with --no-delta; then 1.0.1 with one file changed, both ways. Prints wall time, CPU and peak memory (VmHWM via
#   /usr/bin/time) of each release, and the bytes a phone on 1.0.0 downloads through the delta against the zip.
#   REPEAT=N releases N one-file changes (1.0.1 … 1.0.N), each both ways one after the other, and prints the median
#   ratio and each step's median time: one pair of runs on a noisy machine rules on nothing.
# Usage: bash bench/delta-bench.sh [SLIPWAY_BIN]   (MB=200; SCALE=1 (file sizes, see mkbuild.py); REPEAT=1; KEEP=1
#   keeps the workspace). A delta lists at most 10,000 files: MB=1024 wants SCALE=2.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
MB=${MB:-200}
SCALE=${SCALE:-1}
REPEAT=${REPEAT:-1}
[ -x "$BIN" ] || { echo "no slipway binary at $BIN (build first or pass its path)" >&2; exit 2; }
W=$(mktemp -d /tmp/slipway-delta-bench.XXXXXX)
cleanup() { [ -n "${KEEP:-}" ] && echo "workspace kept: $W" || rm -rf "$W"; }
trap cleanup EXIT
mkdir -p "$W/keys"; "$BIN" --data-dir "$W/d" key create --out "$W/keys" >/dev/null
python3 "$ROOT/bench/mkbuild.py" "$W/b1" "$MB" "$SCALE"
cp -r "$W/b1" "$W/b2"
echo "export const fixed = true;" >> "$W/b2/assets/chunk7/mod7.js"
echo "files: $(find "$W/b1" -type f | wc -l)"

release() { # workspace version build extra... -> prints "wall cpu% peakKiB"
  local ws=$1 v=$2 b=$3; shift 3
  /usr/bin/time -f "%e %P %M" -o "$W/time" "$BIN" --data-dir "$W/$ws" release --app-id com.example.bench --version "$v" \
    --path "$W/$b" --key "$W/keys/.capgo_key_v2" --json "$@" > "$W/$ws-$v.json"
  cat "$W/time"
}
steps() { # workspace version -> "step seconds" lines of its release
  "$BIN" --data-dir "$W/$1" history list --json | python3 -c "
import json, sys
release = next(r for r in json.load(sys.stdin) if r['version'] == '$2')
print(release['id'])" | xargs "$BIN" --data-dir "$W/$1" history show --json 2>/dev/null | python3 -c "
import json, sys
from datetime import datetime
at = lambda t: datetime.fromisoformat(t.replace('Z', '+00:00')).timestamp()
for s in json.load(sys.stdin)['steps']:
    print(s['name'], round(at(s['finished_at']) - at(s['started_at']), 3))"
}
printf '%-28s %8s %6s %10s\n' release wall_s cpu peak_MiB
: > "$W/ratios"; : > "$W/steps"
for n in $(seq 0 "$REPEAT"); do
  v=1.0.$n; b=b1
  if [ "$n" -gt 0 ]; then b=b2; echo "export const fix$n = true;" >> "$W/b2/assets/chunk7/mod7.js"; fi
  read -r zw zc zm < <(release zip "$v" "$b" --no-delta)
  read -r dw dc dm < <(release delta "$v" "$b")
  printf '%-28s %8s %6s %10s\n' "$v zip only" "$zw" "$zc" "$((zm / 1024))" "$v with delta" "$dw" "$dc" "$((dm / 1024))"
  python3 -c "print('  delta / zip publish time: %.2fx' % ($dw / $zw))"
  if [ "$n" -gt 0 ]; then
    echo "$zw $dw" >> "$W/ratios"
    steps zip "$v" | sed 's/^/zip /' >> "$W/steps"; steps delta "$v" | sed 's/^/delta /' >> "$W/steps"
  fi
done
if [ "$REPEAT" -gt 1 ]; then
  python3 - "$W/ratios" "$W/steps" <<'PY'
import sys
from statistics import median
runs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
print(f"median of {len(runs)} one-file releases: zip only {median(z for z, _ in runs):.2f} s, with delta "
      f"{median(d for _, d in runs):.2f} s, ratio {median(d / z for z, d in runs):.2f}x "
      f"(from {min(d / z for z, d in runs):.2f}x to {max(d / z for z, d in runs):.2f}x)")
times = {}
for line in open(sys.argv[2]):
    way, step, seconds = line.split()
    times.setdefault(step, {}).setdefault(way, []).append(float(seconds))
print("median step times, zip only -> with delta: " + ", ".join(
    f"{step} {median(ways['zip']):.2f} -> {median(ways['delta']):.2f} s" for step, ways in times.items()))
PY
fi
python3 - "$W/delta-1.0.$REPEAT.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["delta"]
print(f"a phone on {d['previous_version']} downloads {d['files_to_download']} of {d['files']} files: "
      f"{d['bytes_to_download']:,} bytes against the zip's {d['zip_bytes']:,} ({100 * d['bytes_to_download'] / d['zip_bytes']:.3f} %)")
PY
