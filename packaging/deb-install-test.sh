#!/usr/bin/env bash
# Installs the built .deb with apt, exercises the installed binary (CLI and GUI), removes it cleanly.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SLIPWAY_BUILD_DIR:-$ROOT/build}
DEB=$(ls "$BUILD"/deb/slipway_*_amd64.deb | head -n 1)
W=$(mktemp -d /tmp/slipway-deb-test.XXXXXX)
trap 'rm -rf "$W"' EXIT
echo "deb-install-test: installing $DEB"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" >/dev/null
test -x /usr/bin/slipway
/usr/bin/slipway --version
test -f /usr/share/applications/io.slipway.Slipway.desktop
test -f /usr/share/icons/hicolor/scalable/apps/slipway.svg
for size in 48 64 128 256; do test -s "/usr/share/icons/hicolor/${size}x${size}/apps/slipway.png"; done
if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net /usr/share/metainfo/io.slipway.Slipway.metainfo.xml; fi
if command -v desktop-file-validate >/dev/null; then desktop-file-validate /usr/share/applications/io.slipway.Slipway.desktop; fi
mkdir -p "$W/keys"
/usr/bin/slipway key create --out "$W/keys" --json >/dev/null
/usr/bin/slipway --data-dir "$W/data" release --app-id io.slipway.demo --version 1.0.0 --path "$ROOT/resources/demo/www" \
  --key "$W/keys/.capgo_key_v2" --json > "$W/release.json"
grep -q '"completed"' "$W/release.json"
/usr/bin/slipway --data-dir "$W/data" history verify
export XDG_RUNTIME_DIR="$W/xdg"; mkdir -m 0700 "$XDG_RUNTIME_DIR"
xvfb-run -a -s "-screen 0 1280x800x24" sh -c "/usr/bin/slipway --data-dir '$W/data' & pid=\$!; sleep 5; import -window root '$BUILD/deb/installed-gui.png'; kill \$pid"
test -s "$BUILD/deb/installed-gui.png"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq slipway >/dev/null
test ! -e /usr/bin/slipway
! dpkg -s slipway >/dev/null 2>&1 || dpkg -s slipway | grep -q 'deinstall'
echo "deb-install-test: installed, released the demo, took $BUILD/deb/installed-gui.png, removed cleanly"
