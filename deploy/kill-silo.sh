#!/usr/bin/env bash
# Kills silo N of the cluster deploy/cluster.sh started with SIGKILL: no graceful shutdown, the way a machine dies.
# Bring it back with: deploy/cluster.sh restart-silo N
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
run="${RUN_DIR:-$here/run}"
n="${1:-}"
[[ "$n" =~ ^[0-9]+$ ]] || { echo "usage: deploy/kill-silo.sh N" >&2; exit 2; }
pidfile="$run/silo-$n.pid"
[ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "kill-silo.sh: silo $n is not running" >&2; exit 1; }
kill -9 "$(cat "$pidfile")"
rm -f "$pidfile"
echo "silo $n: killed (SIGKILL)"
