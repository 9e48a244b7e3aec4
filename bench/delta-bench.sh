#!/usr/bin/env bash
# Delta releases against zip-only releases on the same machine in the same run (docs/delta.md):
#   a generated build (bench/mkbuild.py, MB MiB, ~2,000 files); release 1.0.0 with the delta and, in another workspace,
#   with --no-delta; then 1.0.1 with one file changed, both ways. Prints wall time, CPU and peak memory (VmHWM via
#   /usr/bin/time) of each release, and the bytes a phone on 1.0.0 downloads through the delta against the zip.
# Usage: bash bench/delta-bench.sh [SLIPWAY_BIN]   (MB=200; SCALE=1 (file sizes, see mkbuild.py); KEEP=1 keeps the
#   workspace). A delta lists at most 10,000 files: MB=1024 wants SCALE=2.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/app/slipway}
MB=${MB:-200}
SCALE=${SCALE:-1}
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
printf '%-28s %8s %6s %10s\n' release wall_s cpu peak_MiB
for v in 1.0.0 1.0.1; do
  b=b1; [ "$v" = 1.0.1 ] && b=b2
  read -r zw zc zm < <(release zip "$v" "$b" --no-delta)
  read -r dw dc dm < <(release delta "$v" "$b")
  printf '%-28s %8s %6s %10s\n' "$v zip only" "$zw" "$zc" "$((zm / 1024))" "$v with delta" "$dw" "$dc" "$((dm / 1024))"
  python3 -c "print('  delta / zip publish time: %.2fx' % ($dw / $zw))"
done
python3 - "$W/delta-1.0.1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["delta"]
print(f"a phone on {d['previous_version']} downloads {d['files_to_download']} of {d['files']} files: "
      f"{d['bytes_to_download']:,} bytes against the zip's {d['zip_bytes']:,} ({100 * d['bytes_to_download'] / d['zip_bytes']:.3f} %)")
PY
