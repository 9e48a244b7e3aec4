#!/usr/bin/env bash
# Installs the real servers the storage tests run on loopback (Debian bookworm, root or sudo):
# Ceph RADOS Gateway (S3), nginx + WebDAV, OpenSSH (SFTP), PostgreSQL 15 (the shared release history), a
# headless Secret Service for QtKeychain.
# Idempotent and quick when everything is already there.
set -euo pipefail
PACKAGES=(radosgw ceph-mon ceph-osd ceph-common nginx libnginx-mod-http-dav-ext openssh-server openssh-client
  postgresql-15 postgresql-client-15 gnome-keyring dbus-x11 curl python3)
# --list prints the packages instead (packaging/check-deps.py checks against them).
if [ "${1:-}" = --list ]; then printf '%s\n' "${PACKAGES[@]}"; exit 0; fi
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "tests/servers: installing ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
