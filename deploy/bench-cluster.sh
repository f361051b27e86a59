#!/usr/bin/env bash
# Scale-out, measured: for each silo count, a fresh cluster (deploy/cluster.sh) on one store, `ledger bench --gateway`
# round-robin over its gateways (per-gateway shares in its report), and the CPU time each process used meanwhile (every
# silo, Azurite, the bench itself), so a run shows whether the machine or the cluster was the limit.
#   deploy/bench-cluster.sh [--silos "1 3"] [--records 10000] [-- more `ledger bench` flags]
# STORAGE [azure]: azure uses LEDGER_AZURE_CONNECTION, else a running deploy/azurite.sh, else starts one (and stops it
# after); sqlite gives each cluster a fresh data directory. Each cluster gets its own CLUSTER_ID and table prefix.
# Ports, RUN_DIR and LEDGER as for deploy/cluster.sh, which this runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
run="${RUN_DIR:-$here/run}"
counts="1 3"
records=10000
extra=()
usage() { echo "bench-cluster.sh: $1 (usage: deploy/bench-cluster.sh [--silos \"1 3\"] [--records N] [-- bench flags])" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --silos|--records) [ $# -ge 2 ] || usage "$1 needs a value" ;;&
    --silos) counts="$2"; shift 2 ;;
    --records) records="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) usage "unknown argument $1" ;;
  esac
done
for n in $counts; do
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || { echo "bench-cluster.sh: --silos takes silo counts from 1 to 99, not '$n'" >&2; exit 2; }
done
[[ "$records" =~ ^[1-9][0-9]*$ ]] || { echo "bench-cluster.sh: --records takes a positive count, not '$records'" >&2; exit 2; }

export STORAGE="${STORAGE:-azure}"
export LEDGER="${LEDGER:-$repo/client/bin/Release/net10.0/ledger}"
export RUN_DIR="$run"
[ -x "$LEDGER" ] || dotnet build "$repo/client" -c Release -nologo -v quiet >/dev/null
ticks="$(getconf CLK_TCK)"
http_base="${HTTP_BASE:-8080}"

# Azurite is started here only if nothing else provides the account, and then stopped at the end.
started_azurite=""
azurite_pid() { [ -f "$here/run/azurite.pid" ] && kill -0 "$(cat "$here/run/azurite.pid")" 2>/dev/null && cat "$here/run/azurite.pid"; }
if [ "$STORAGE" = azure ] && [ -z "${LEDGER_AZURE_CONNECTION:-}" ] && [ -z "$(azurite_pid || true)" ]; then
  "$here/azurite.sh" start >/dev/null
  started_azurite=1
fi

# User + system CPU seconds (in clock ticks) a process has used so far; 0 once it is gone.
cpu_ticks() { [ -r "/proc/$1/stat" ] && sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo 0; }
seconds() { awk -v t="$1" -v hz="$ticks" 'BEGIN { printf "%.2f", t / hz }'; }

cleanup() {
  bash "$here/cluster.sh" stop >/dev/null 2>&1 || true
  if [ -n "$started_azurite" ]; then "$here/azurite.sh" stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

for n in $counts; do
  export CLUSTER_ID="bench-$n-$$" AZURE_PREFIX="bench${n}x$$" DATA="$run/bench-data-$n-$$"
  bash "$here/cluster.sh" start --silos "$n" >/dev/null
  gateways="$(for i in $(seq 1 "$n"); do echo "http://127.0.0.1:$((http_base + i))"; done | paste -sd, -)"
  pids=(); for i in $(seq 1 "$n"); do pids+=("$(cat "$run/silo-$i.pid")"); done
  azurite="$( [ "$STORAGE" = azure ] && azurite_pid || true)"
  declare -A before=()
  for p in "${pids[@]}" $azurite; do before[$p]=$(cpu_ticks "$p"); done
  echo "== $n silo(s) on $STORAGE: ledger bench --gateway $gateways --records $records ${extra[*]}"
  start=$(date +%s.%N)
  # The bench's own CPU: its subshell's `times` (children's user and system time) once it has been waited for.
  set +e
  ( "$LEDGER" bench --gateway "$gateways" --records "$records" "${extra[@]}"; code=$?; times >"$run/bench-cluster-times"; exit $code )
  code=$?
  set -e
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  # `times` prints "XmY.YYYs XmY.YYYs" for the shell, then for its children: the second line, in clock ticks.
  bench_ticks=$(awk -v hz="$ticks" 'NR == 2 { split($1, u, /[ms]/); split($2, k, /[ms]/); printf "%d", (u[1] * 60 + u[2] + k[1] * 60 + k[2]) * hz }' "$run/bench-cluster-times")
  line="cpu over $wall s:"; total=$bench_ticks
  for i in $(seq 1 "$n"); do
    used=$(( $(cpu_ticks "${pids[$((i - 1))]}") - ${before[${pids[$((i - 1))]}]} )); total=$((total + used))
    line="$line silo $i $(seconds "$used") s;"
  done
  if [ -n "$azurite" ]; then used=$(( $(cpu_ticks "$azurite") - ${before[$azurite]} )); total=$((total + used)); line="$line azurite $(seconds "$used") s;"; fi
  echo "$line bench $(seconds "$bench_ticks") s; all $(seconds "$total") s = $(awk -v t="$total" -v hz="$ticks" -v w="$wall" 'BEGIN { printf "%.2f", t / hz / w }') of $(nproc) cores"
  bash "$here/cluster.sh" stop >/dev/null
  rm -rf "$DATA" "$run/bench-cluster-times"
  unset before
  [ "$code" -eq 0 ] || { echo "bench-cluster.sh: ledger bench exited $code against $n silo(s)" >&2; exit "$code"; }
done
