#!/usr/bin/env bash
# A real multi-silo LedgerCluster on this machine: N `ledger serve` processes sharing Redis membership and one store.
#   deploy/cluster.sh start [--silos 3]   start Redis (deploy/redis.sh) and N silos; wait until each gateway is ready
#   deploy/cluster.sh status              each silo's pid, ports and readiness
#   deploy/cluster.sh restart-silo N      start silo N again (after deploy/kill-silo.sh N) and wait until it is ready
#   deploy/cluster.sh stop                stop every silo gracefully (SIGTERM, then SIGKILL after 30 s), then Redis
# Silo i (1..N): HTTP gateway on HTTP_BASE+i (8081..808N), silo port SILO_BASE+i (11112..), Orleans gateway GATEWAY_BASE+i.
# Every gateway serves the whole cluster. Environment (defaults in brackets):
#   LEDGER    the built `ledger` apphost [client/bin/Release/net10.0/ledger, built once if missing]
#   RUN_DIR   pids, logs and the settings of the running cluster [deploy/run]
#   DATA      data directory shared by the silos (SQLite: safe for processes on one machine) [$RUN_DIR/data]
#   STORAGE   sqlite or azure [sqlite]; azure reads LEDGER_AZURE_CONNECTION, else the Azurite started by deploy/azurite.sh
#             (its env file: AZURITE_ENV_FILE [deploy/run/azurite.env])
#   AZURE_PREFIX  prefix of the Azure tables and containers (`ledger serve --azure-prefix`) [ledger]
#   REDIS_PORT [6379]  HTTP_BASE [8080]  SILO_BASE [11111]  GATEWAY_BASE [30000]  CLUSTER_ID [local]  SHARDS [4]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
run="${RUN_DIR:-$here/run}"
settings="$run/cluster.env"
action="${1:-}"; shift || true
silos=3
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    *) if [ "$action" = restart-silo ] && [ -z "${target:-}" ]; then target="$1"; shift; else echo "cluster.sh: unknown argument $1" >&2; exit 2; fi ;;
  esac
done

die() { echo "cluster.sh: $*" >&2; exit 1; }

# The settings a cluster was started with are kept, so status, restart-silo and stop act on that cluster.
load() {
  [ -f "$settings" ] || die "no cluster started from $run (run: deploy/cluster.sh start)"
  # shellcheck disable=SC1090
  . "$settings"
}

# STORAGE=azure: the silos take the account from LEDGER_AZURE_CONNECTION, or from a running deploy/azurite.sh.
azure_connection() {
  local envfile="${AZURITE_ENV_FILE:-$here/run/azurite.env}"
  if [ -z "${LEDGER_AZURE_CONNECTION:-}" ] && [ -f "$envfile" ]; then
    # shellcheck disable=SC1090
    . "$envfile"
    LEDGER_AZURE_CONNECTION="$AZURITE_CONNECTION_STRING"
  fi
  [ -n "${LEDGER_AZURE_CONNECTION:-}" ] || die "STORAGE=azure needs LEDGER_AZURE_CONNECTION (or start Azurite first: deploy/azurite.sh start)"
  export LEDGER_AZURE_CONNECTION
}

save() {
  mkdir -p "$run"
  cat > "$settings" <<SETTINGS
LEDGER='$LEDGER'
DATA='$DATA'
STORAGE='$STORAGE'
AZURE_PREFIX='$AZURE_PREFIX'
SILOS=$silos
REDIS_PORT=$REDIS_PORT
HTTP_BASE=$HTTP_BASE
SILO_BASE=$SILO_BASE
GATEWAY_BASE=$GATEWAY_BASE
CLUSTER_ID='$CLUSTER_ID'
SHARDS=$SHARDS
SETTINGS
}

alive() { [ -f "$run/silo-$1.pid" ] && kill -0 "$(cat "$run/silo-$1.pid")" 2>/dev/null; }

ready() { curl -fsS --max-time 6 "http://127.0.0.1:$((HTTP_BASE + $1))/health/ready" >/dev/null 2>&1; }

start_silo() {
  local i="$1"
  alive "$i" && { echo "silo $i: already running (pid $(cat "$run/silo-$i.pid"))"; return 0; }
  # stdin from /dev/null and output to the log: the silo must hold no pipe of whoever ran this script.
  nohup "$LEDGER" serve --clustering redis --redis "127.0.0.1:$REDIS_PORT" --cluster-id "$CLUSTER_ID" \
    --storage "$STORAGE" --azure-prefix "${AZURE_PREFIX:-ledger}" --data "$DATA" --shards "$SHARDS" --port "$((HTTP_BASE + i))" \
    --silo-port "$((SILO_BASE + i))" --gateway-port "$((GATEWAY_BASE + i))" --advertise 127.0.0.1 \
    </dev/null >>"$run/silo-$i.log" 2>&1 &
  echo $! > "$run/silo-$i.pid"
}

wait_ready() {
  local i="$1"
  for _ in $(seq 1 120); do
    ready "$i" && { echo "silo $i: ready on http://127.0.0.1:$((HTTP_BASE + i)) (pid $(cat "$run/silo-$i.pid"))"; return 0; }
    alive "$i" || die "silo $i exited during start; see $run/silo-$i.log"
    sleep 0.5
  done
  die "silo $i not ready after 60 s; see $run/silo-$i.log"
}

stop_silo() {
  local i="$1" pid
  alive "$i" || { rm -f "$run/silo-$i.pid"; return 0; }
  pid="$(cat "$run/silo-$i.pid")"
  kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$run/silo-$i.pid"
  echo "silo $i: stopped"
}

case "$action" in
  start)
    LEDGER="${LEDGER:-$repo/client/bin/Release/net10.0/ledger}"
    STORAGE="${STORAGE:-sqlite}" AZURE_PREFIX="${AZURE_PREFIX:-ledger}"
    REDIS_PORT="${REDIS_PORT:-6379}" HTTP_BASE="${HTTP_BASE:-8080}" SILO_BASE="${SILO_BASE:-11111}" GATEWAY_BASE="${GATEWAY_BASE:-30000}"
    CLUSTER_ID="${CLUSTER_ID:-local}" SHARDS="${SHARDS:-4}" DATA="${DATA:-$run/data}"
    case "$STORAGE" in
      sqlite) ;;
      azure) azure_connection ;;
      *) die "STORAGE must be sqlite or azure, not '$STORAGE'" ;;
    esac
    if [ ! -x "$LEDGER" ]; then
      echo "cluster.sh: building the ledger command once (dotnet build client -c Release)"
      dotnet build "$repo/client" -c Release -nologo -v quiet >/dev/null
    fi
    mkdir -p "$run" "$DATA"
    save
    "$here/redis.sh" start --port "$REDIS_PORT"
    # Start every silo before waiting on any: they join one another through Redis in any order.
    for i in $(seq 1 "$silos"); do start_silo "$i"; done
    for i in $(seq 1 "$silos"); do wait_ready "$i"; done ;;
  status)
    load
    for i in $(seq 1 "$SILOS"); do
      if ! alive "$i"; then echo "silo $i: down"
      elif ready "$i"; then echo "silo $i: ready (pid $(cat "$run/silo-$i.pid"), http $((HTTP_BASE + i)), silo port $((SILO_BASE + i)))"
      else echo "silo $i: running, not ready (pid $(cat "$run/silo-$i.pid"))"; fi
    done ;;
  restart-silo)
    load
    [ "$STORAGE" = azure ] && azure_connection
    [ -n "${target:-}" ] && [ "$target" -ge 1 ] && [ "$target" -le "$SILOS" ] 2>/dev/null || die "usage: deploy/cluster.sh restart-silo N (1..$SILOS)"
    start_silo "$target"
    wait_ready "$target" ;;
  stop)
    load
    for i in $(seq "$SILOS" -1 1); do stop_silo "$i"; done
    "$here/redis.sh" stop --port "$REDIS_PORT"
    rm -f "$settings" ;;
  *)
    echo "usage: deploy/cluster.sh start [--silos N] | status | restart-silo N | stop" >&2; exit 2 ;;
esac
