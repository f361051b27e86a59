#!/usr/bin/env bash
# Starts or stops a throwaway Redis for the cluster's membership table, on loopback only.
#   deploy/redis.sh start [--port 6379]   install Debian's redis-server if missing, start it, wait until it answers
#   deploy/redis.sh stop  [--port 6379]   stop the one this script started (by its pidfile)
#   deploy/redis.sh install               only install Debian's redis-server if missing (CI runs this before the tests)
# Idempotent: starting a running one or stopping a stopped one succeeds. No persistence: the membership table
# is rebuilt by the silos, so a restart of Redis loses nothing the cluster needs. Pidfile and log under
# $RUN_DIR (default deploy/run/); the port also comes from $REDIS_PORT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="${RUN_DIR:-$here/run}"
action="${1:-}"; shift || true
port="${REDIS_PORT:-6379}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    *) echo "redis.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
pidfile="$run/redis-$port.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

install() {
  command -v redis-server >/dev/null && return 0
  echo "redis.sh: installing redis-server (apt-get)" >&2
  # A stale package list is the usual reason an install fails on a fresh machine: update once, then retry.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
  command -v redis-server >/dev/null || { echo "redis.sh: redis-server could not be installed" >&2; return 1; }
}

case "$action" in
  install)
    install ;;
  start)
    mkdir -p "$run"
    if running; then echo "redis.sh: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0; fi
    install
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --daemonize yes \
      --pidfile "$pidfile" --logfile "$run/redis-$port.log" --dir "$run" --save '' --appendonly no
    for _ in $(seq 1 50); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
        echo "redis.sh: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0
      fi
      sleep 0.1
    done
    echo "redis.sh: redis-server did not answer on 127.0.0.1:$port; see $run/redis-$port.log" >&2; exit 1 ;;
  stop)
    if ! running; then rm -f "$pidfile"; echo "redis.sh: not running on port $port"; exit 0; fi
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    rm -f "$pidfile"
    echo "redis.sh: stopped (port $port)" ;;
  *)
    echo "usage: deploy/redis.sh start|stop [--port PORT] | install" >&2; exit 2 ;;
esac
