#!/usr/bin/env bash
# PostgreSQL 15 test server (Debian postgresql-15): a throw-away cluster made by initdb in a temp folder,
# listening on 127.0.0.1:PORT only (its Unix socket inside that folder), password (scram) authentication, one
# role and one database for the history. Nothing in /etc/postgresql or the system cluster is used.
# Usage:  eval "$(postgresql.sh start [PORT] [USER] [PASSWORD] [DATABASE])"
#           -> exports PG_PORT PG_PID PG_DIR PG_USER PG_PASSWORD PG_DATABASE PG_URL (postgresql://USER@127.0.0.1:PORT/DB)
#         postgresql.sh stop "$PG_PID" "$PG_DIR"
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as the current user.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
# a killed daemon whose parent shell is gone stays a zombie until PID 1 reaps it: treat Z as dead
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s#Z}" = "$s" ]; }
# serve DIR PORT: runs the cluster in DIR on 127.0.0.1:PORT in the background ($pid), waits until it answers.
serve() {
  local D=$1 PORT=$2 RUN=()
  [ "$(id -u)" = 0 ] && RUN=(setpriv --reuid=postgres --regid=postgres --init-groups)
  "${RUN[@]}" "$BIN/postgres" -D "$D/data" -c listen_addresses=127.0.0.1 -c port="$PORT" \
    -c unix_socket_directories="$D/run" -c fsync=off -c logging_collector=off >>"$D/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do "$BIN/pg_isready" -q -h "$D/run" -p "$PORT" && break; sleep 0.05; done
}
cmd=${1:-}; shift || true
case "$cmd" in
start)
  PORT=${1:-15432} U=${2:-slipway} P=${3:-secret} DB=${4:-history}
  D=$(mktemp -d /tmp/postgresql.XXXXXX); mkdir -p "$D/data" "$D/run"
  RUN=()
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$D"; RUN=(setpriv --reuid=postgres --regid=postgres --init-groups); fi
  # The superuser gets a random password it never needs (local socket: peer-less "trust" inside $D only).
  printf '%s\n' "$(openssl rand -hex 16)" > "$D/superuser.pw"; chmod 600 "$D/superuser.pw"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$D/superuser.pw"
  "${RUN[@]}" "$BIN/initdb" -D "$D/data" -U postgres --pwfile="$D/superuser.pw" -A scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1
  serve "$D" "$PORT"
  psql() { "${RUN[@]}" /usr/bin/psql -X -q -v ON_ERROR_STOP=1 -h "$D/run" -p "$PORT" -U postgres "$@"; }
  psql -d postgres -c "CREATE ROLE \"$U\" LOGIN PASSWORD '$P'" -c "CREATE DATABASE \"$DB\" OWNER \"$U\"" >/dev/null
  echo "export PG_PORT=$PORT PG_PID=$pid PG_DIR=$D PG_USER=$U PG_PASSWORD=$P PG_DATABASE=$DB PG_URL=postgresql://$U@127.0.0.1:$PORT/$DB"
  ;;
sql)
  # postgresql.sh sql DIR PORT DATABASE STATEMENT: runs STATEMENT as the superuser (tests tamper with rows).
  D=$1 PORT=$2 DB=$3 SQL=$4
  RUN=(); [ "$(id -u)" = 0 ] && RUN=(setpriv --reuid=postgres --regid=postgres --init-groups)
  "${RUN[@]}" /usr/bin/psql -X -q -v ON_ERROR_STOP=1 -h "$D/run" -p "$PORT" -U postgres -d "$DB" -c "$SQL"
  ;;
halt)
  # postgresql.sh halt PID: a fast shutdown (sessions ended, as in an outage); the data stays for `resume`.
  kill -INT "$1" 2>/dev/null || true
  for _ in $(seq 100); do alive "$1" || break; sleep 0.1; done
  ;;
resume)
  # postgresql.sh resume DIR PORT: the halted cluster back on its port -> exports PG_PID
  serve "$1" "$2"
  echo "export PG_PID=$pid"
  ;;
stop)
  pid=$1 D=$2
  kill -INT "$pid" 2>/dev/null || true       # fast shutdown: ends the sessions, then the server
  for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
  rm -rf "$D"
  ;;
*) echo "usage: $0 start [PORT] [USER] [PASSWORD] [DATABASE] | sql DIR PORT DATABASE STATEMENT | halt PID | resume DIR PORT | stop PID DIR" >&2; exit 2 ;;
esac
