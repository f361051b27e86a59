#!/usr/bin/env bash
# Azurite (the Azure Storage emulator) for the Azure storage tests, on loopback only.
#   bash deploy/azurite.sh start   installs the pinned version (npm ci) if missing, starts it in memory on free ports,
#                                  waits for them, writes deploy/run/azurite.pid and deploy/run/azurite.env
#   bash deploy/azurite.sh stop    stops it by its PID
#   bash deploy/azurite.sh env     prints the env file (AZURITE_CONNECTION_STRING=...)
# Ports: AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT, or free ones chosen at start.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="$here/run"
pidfile="$run/azurite.pid"
envfile="$run/azurite.env"
logfile="$run/azurite.log"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start() {
  if running; then
    echo "azurite: already running (pid $(cat "$pidfile"))"
    return 0
  fi
  if [ ! -x "$here/node_modules/.bin/azurite" ]; then
    echo "azurite: installing the pinned version (npm ci)..."
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
  mkdir -p "$run"
  local blob="${AZURITE_BLOB_PORT:-$(free_port)}" queue="${AZURITE_QUEUE_PORT:-$(free_port)}" table="${AZURITE_TABLE_PORT:-$(free_port)}"
  # --disableTelemetry: without it Azurite calls the cloud metadata endpoint and ignores SIGTERM (notes §0.2).
  # --skipApiVersionCheck: the Blobs SDK may be newer than Azurite (our clients also pin 2026-06-06, notes §0.1).
  "$here/node_modules/.bin/azurite" --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$logfile" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"
  for _ in $(seq 1 150); do
    if port_open "$blob" && port_open "$table"; then
      local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
      # The connection string is single-quoted: it holds ';', so unquoted a shell that sources this file (cluster.sh)
      # would keep only "DefaultEndpointsProtocol=http" and run the rest as further assignments.
      cat >"$envfile" <<ENV
AZURITE_PID=$pid
AZURITE_BLOB_PORT=$blob
AZURITE_QUEUE_PORT=$queue
AZURITE_TABLE_PORT=$table
AZURITE_CONNECTION_STRING='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;'
ENV
      echo "azurite: running (pid $pid; blob $blob, table $table; env in $envfile)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "azurite: exited during start-up:" >&2
      cat "$logfile" >&2
      rm -f "$pidfile"
      return 1
    fi
    sleep 0.2
  done
  echo "azurite: ports $blob/$table not open after 30 s" >&2
  stop
  return 1
}

stop() {
  if [ ! -f "$pidfile" ]; then
    echo "azurite: not running"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile" "$envfile"
  echo "azurite: stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) cat "$envfile" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
