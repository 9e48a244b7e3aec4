#!/usr/bin/env bash
# Real Ceph RADOS Gateway (S3) on loopback: a throw-away single-node Ceph cluster
# (1 mon + 1 memstore OSD, auth none inside the cluster) + radosgw (beast) on 127.0.0.1:PORT.
# Debian bookworm ships Ceph 16.2 (Pacific) whose radosgw has no standalone/dbstore backend,
# so a mon + osd are needed.  apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd
# Usage (root):  eval "$(s3-radosgw-ceph.sh start [PORT] [ACCESS_KEY] [SECRET_KEY])"
#                  -> exports S3_ENDPOINT S3_ACCESS_KEY S3_SECRET_KEY CEPH_DIR CEPH_PIDS
#                s3-radosgw-ceph.sh stop "$CEPH_DIR" "$CEPH_PIDS"
#                s3-radosgw-ceph.sh rgw-start "$CEPH_DIR" PORT   -> prints the new radosgw pid (mon+osd keep the data)
# Virtual-host style works for http://BUCKET.localhost:PORT (rgw dns name = localhost); path style on 127.0.0.1.
set -euo pipefail
# a killed daemon whose parent shell is gone stays a zombie until PID 1 reaps it: treat Z as dead
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s#Z}" = "$s" ]; }
cmd=${1:-}; shift || true
case "$cmd" in
start)
  PORT=${1:-17480} AK=${2:-testkey} SK=${3:-testsecret}
  MONPORT=${CEPH_MON_PORT:-16789}
  D=$(mktemp -d /tmp/ceph-rgw.XXXXXX); mkdir -p "$D"/{run,log,mon.a,osd.0,rgw}
  fsid=$(cat /proc/sys/kernel/random/uuid)
  C=$D/ceph.conf
  pids=""   # on any failure: kill what was started, keep $D/log for diagnosis, exit 1
  trap 'echo "radosgw start failed; logs in $D/log" >&2; [ -n "$pids" ] && kill -KILL $pids 2>/dev/null; exit 1' ERR
  cat > "$C" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$MONPORT
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
run dir = $D/run
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
pid file = $D/run/\$name.pid
keyring = $D/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon data avail warn = 2
mon data avail crit = 1
osd crush chooseleaf type = 0
# avoid a start-up race in Ceph 16 (OSD sends its crush/class update before its MonClient
# knows the fsid -> mon answers 'wrong fsid' EPERM and the OSD never boots); the script
# places the OSD in the crush map itself instead.
osd crush update on start = false
osd class update on start = false
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-4294967296}
osd max object size = 1073741824
ms bind msgr2 = false
[mon.a]
mon data = $D/mon.a
[osd.0]
osd data = $D/osd.0
[client.rgw.test]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $D/rgw
rgw dns name = localhost
# overwritten and deleted objects are freed at once, not after hours: the in-memory OSD is small
rgw gc obj min wait = 0
rgw gc processor period = 2
log to stderr = false
CONF
  ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:$MONPORT]" "$D/monmap" >/dev/null
  ceph-mon -c "$C" --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring"
  ceph-mon -c "$C" -i a -f >"$D/log/mon.stdout" 2>&1 & monpid=$!; pids=$monpid
  osduuid=$(cat /proc/sys/kernel/random/uuid)
  # waits for the mon quorum; Ceph 16's CLI may ask before it learned the fsid (EPERM 'problem getting
  # command descriptions'), so ask again: 'osd new' with the same uuid gives the same id
  id=""
  for _ in $(seq 20); do
    id=$(timeout 30 ceph -c "$C" osd new "$osduuid" 2>>"$D/log/osd-new.stderr") && break
    sleep 0.5
  done
  [ -n "$id" ]
  ceph -c "$C" osd crush add "osd.$id" 1.0 root=default host=localhost >/dev/null 2>&1
  ceph-osd -c "$C" -i "$id" --mkfs --osd-uuid "$osduuid" >/dev/null 2>&1
  ceph-osd -c "$C" -i "$id" -f >"$D/log/osd.stdout" 2>&1 & osdpid=$!; pids="$osdpid $pids"
  up=0; for _ in $(seq 300); do timeout 5 ceph -c "$C" osd stat 2>/dev/null | grep -q '1 up' && { up=1; break; }; sleep 0.1; done
  [ $up = 1 ] || { echo "OSD did not come up" >&2; false; }
  radosgw -c "$C" -n client.rgw.test -f >"$D/log/rgw.stdout" 2>&1 & rgwpid=$!; pids="$rgwpid $pids"
  up=0; for _ in $(seq 600); do alive $rgwpid || break; curl -s -o /dev/null "http://127.0.0.1:$PORT/" && { up=1; break; }; sleep 0.1; done
  [ $up = 1 ] || { echo "radosgw did not answer on 127.0.0.1:$PORT" >&2; false; }
  timeout 60 radosgw-admin -c "$C" user create --uid=tester --display-name=Tester \
      --access-key="$AK" --secret-key="$SK" >/dev/null
  trap - ERR
  echo "export S3_ENDPOINT=http://127.0.0.1:$PORT S3_ACCESS_KEY=$AK S3_SECRET_KEY=$SK CEPH_DIR=$D CEPH_PIDS='$rgwpid $osdpid $monpid'"
  ;;
stop)
  # throw-away in-memory cluster: no clean shutdown needed (SIGTERM takes ~5 s, SIGKILL is instant)
  D=$1; kill -KILL $2 2>/dev/null || true
  for pid in $2; do for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done; done
  rm -rf "$D"
  ;;
rgw-start)
  # Restart only the gateway (the test stops it in the middle of an upload); the cluster keeps the parts.
  D=$1 PORT=$2
  radosgw -c "$D/ceph.conf" -n client.rgw.test -f >>"$D/log/rgw.stdout" 2>&1 & rgwpid=$!
  up=0; for _ in $(seq 600); do alive $rgwpid || break; curl -s -o /dev/null "http://127.0.0.1:$PORT/" && { up=1; break; }; sleep 0.1; done
  [ $up = 1 ] || { echo "radosgw did not answer on 127.0.0.1:$PORT" >&2; exit 1; }
  echo "$rgwpid"
  ;;
*) echo "usage: $0 start [PORT] [AK] [SK] | stop DIR 'PIDS' | rgw-start DIR PORT" >&2; exit 2 ;;
esac
