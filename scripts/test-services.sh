#!/usr/bin/env bash
# PostgreSQL and Redis for the scale-out tests (tests/integration/scale-*.test.ts) and for trying
# several sync-server instances by hand. No systemd: both servers run as plain processes on
# 127.0.0.1, on free ports, with their data in a temporary directory.
#
#   scripts/test-services.sh install        apt-get install postgresql redis-server, where missing
#   eval "$(scripts/test-services.sh start)" start both; exports FOKUSWERK_TEST_POSTGRES_URL,
#                                           FOKUSWERK_TEST_REDIS_URL, FOKUSWERK_TEST_SERVICES_DIR
#   scripts/test-services.sh stop <dir>     stop both and remove <dir>
#
# Progress and errors go to stderr; `start` prints only the export lines on stdout.
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

install_services() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -eq 0 ]; then
    echo "PostgreSQL und Redis sind installiert / are installed" >&2
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "Fehlt / missing: ${missing[*]} – bitte als root installieren / please install as root: apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "Installiere / installing ${missing[*]} (Debian) …" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

start_services() {
  local bin dir pg_port redis_port
  bin=$(pg_bin)
  if [ -z "$bin" ] || ! command -v redis-server >/dev/null 2>&1; then
    echo "PostgreSQL oder Redis fehlt / is missing: scripts/test-services.sh install" >&2
    return 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/fokuswerk-services-XXXXXX")
  chmod 755 "$dir"
  mkdir -p "$dir/pg" "$dir/redis"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir/pg"
  fi
  pg_port=$(free_port)
  redis_port=$(free_port)

  if ! as_postgres "$bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    echo "initdb fehlgeschlagen / failed:" >&2
    cat "$dir/initdb.log" >&2
    return 1
  fi
  # fsync and synchronous_commit stay on: the tests check durability, not speed.
  if ! as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c fsync=on -c synchronous_commit=on -c max_connections=200" \
    start >&2; then
    echo "PostgreSQL startet nicht / does not start:" >&2
    cat "$dir/pg/server.log" >&2 || true
    return 1
  fi

  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$dir/redis" \
    --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log" --save '' --appendonly no >&2
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
      break
    fi
    sleep 0.1
  done
  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
    echo "Redis startet nicht / does not start:" >&2
    cat "$dir/redis/redis.log" >&2 || true
    return 1
  fi
  echo "$pg_port" >"$dir/pg-port"
  echo "$redis_port" >"$dir/redis-port"
  echo "PostgreSQL auf / on 127.0.0.1:$pg_port, Redis auf / on 127.0.0.1:$redis_port, Daten / data: $dir" >&2
  echo "export FOKUSWERK_TEST_SERVICES_DIR=$dir"
  echo "export FOKUSWERK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "export FOKUSWERK_TEST_REDIS_URL=redis://127.0.0.1:$redis_port"
}

stop_services() {
  local dir=${1:-} bin
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "Aufruf / usage: scripts/test-services.sh stop <dir>" >&2
    return 2
  fi
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$dir/pg/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >&2 || true
  fi
  if [ -f "$dir/redis/redis.pid" ]; then
    kill "$(cat "$dir/redis/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install_services ;;
  start) start_services ;;
  stop) stop_services "${2:-}" ;;
  *)
    echo "Aufruf / usage: scripts/test-services.sh install | start | stop <dir>" >&2
    exit 2
    ;;
esac
