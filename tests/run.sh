#!/usr/bin/env bash
# The test command: builds everything, runs every test project, and fails unless tests actually ran.
# Usage: bash tests/run.sh [extra dotnet test arguments, e.g. --filter Category!=Slow]
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
# Clients remember the checkpoints they saw (split-view defence); tests keep that memory out of the user's home.
export LEDGER_HOME="$results/ledger-home"
trap 'rm -rf "$results"' EXIT

dotnet build LedgerCluster.sln -c Release -nologo -v quiet
status=0
# One test project at a time: on 2 cores, parallel projects only fight over CPU and ports.
dotnet test LedgerCluster.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" "$@" || status=$?

# Sum the counters of every TRX file; a run that executed no test is a failure, whatever dotnet said.
read -r total passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | tr ' ' '\n' | awk -F'"' '
    /^total=/ {t+=$2} /^executed=/ {e+=$2} /^passed=/ {p+=$2} /^failed=/ {f+=$2}
    END {print t+0, p+0, f+0, t-e}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
# Beside the counts, why tests were skipped: each distinct reason with its count.
bash tests/skip-reasons.sh "$results"
if [ "$total" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "tests/run.sh: no test ran" >&2
  exit 1
fi
exit "$status"
