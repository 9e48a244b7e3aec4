#!/bin/bash
# Build KF6 KArchive (Debian trixie source package kf6-karchive, Debian patches applied)
# against Debian bookworm's Qt 6.4.2, into a private prefix. Does not touch the system's
# apt sources/lists or /usr.
# Needs (bookworm): qt6-base-dev cmake g++ dpkg-dev libbz2-dev liblzma-dev libzstd-dev
#                   zlib1g-dev libssl-dev pkg-config
set -euo pipefail
W=${W:-.deps/karchive-work}            # scratch dir
PREFIX=${PREFIX:-$PWD/.deps/kf6}
JOBS=${JOBS:-$(nproc)}
# reuse the mirror the machine is already configured with
MIRROR=${DEBIAN_MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)}
[ -n "$MIRROR" ] || MIRROR=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list)
mkdir -p "$W/apt/etc" "$W/apt/lists/partial" "$W/apt/cache/archives/partial" "$W/src"
cat > "$W/apt/etc/trixie-src.sources" <<EOS
Types: deb-src
URIs: $MIRROR
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
APTOPTS=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$W/apt/etc"
         -o Dir::State::Lists="$W/apt/lists" -o Dir::Cache="$W/apt/cache"
         -o APT::Sandbox::User=root)
apt-get "${APTOPTS[@]}" update -qq
cd "$W/src"
rm -rf kf6-extra-cmake-modules-*/ kf6-karchive-*/
# downloads .dsc/.orig/.debian, verifies hashes against the signed index, runs dpkg-source -x
apt-get "${APTOPTS[@]}" source -qq ${ECM_SRC:-kf6-extra-cmake-modules} ${KARCHIVE_SRC:-kf6-karchive}
ECM_DIR=$(ls -d kf6-extra-cmake-modules-*/ | head -1); KA_DIR=$(ls -d kf6-karchive-*/ | head -1)
echo "ECM source: $ECM_DIR  KArchive source: $KA_DIR"
# 1) ECM 6.x: pure CMake files, nothing to compile
cmake -S "$ECM_DIR" -B build-ecm -DCMAKE_INSTALL_PREFIX="$PREFIX" \
      -DBUILD_TESTING=OFF -DBUILD_HTML_DOCS=OFF -DBUILD_MAN_DOCS=OFF -DBUILD_QTHELP_DOCS=OFF
cmake --build build-ecm && cmake --install build-ecm
# 2) KArchive: two tweaks for Qt 6.4 (upstream asks for Qt >= 6.6)
sed -i -E 's/set\(REQUIRED_QT_VERSION 6\.[0-9]+\.[0-9]+\)/set(REQUIRED_QT_VERSION 6.4.2)/' "$KA_DIR/CMakeLists.txt"
grep -q '^#include <QStringEncoder>' "$KA_DIR/src/k7zip.cpp" || \
  sed -i '0,/^#include "k7zip.h"/s//#include "k7zip.h"\n#include <QStringEncoder>/' "$KA_DIR/src/k7zip.cpp"
cmake -S "$KA_DIR" -B build-karchive -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_INSTALL_PREFIX="$PREFIX" \
      -DBUILD_TESTING=${KARCHIVE_TESTS:-OFF} -DKF_SKIP_PO_PROCESSING=ON -DKDE_SKIP_RPATH_SETTINGS=ON
cmake --build build-karchive -j"$JOBS"
if [ "${KARCHIVE_TESTS:-OFF}" = ON ]; then
  (cd build-karchive && QT_QPA_PLATFORM=offscreen ctest -j"$JOBS" --output-on-failure)
fi
cmake --install build-karchive
echo "KF6Archive installed in $PREFIX"
