#!/usr/bin/env bash
# Why tests were skipped: reads the TRX files in a results directory (dotnet test --logger trx) and prints one line per
# distinct skip reason (a skipped result's ErrorInfo message), most frequent first:
#   skipped: 33 x Azurite not found: start it with `bash deploy/azurite.sh start` ...
# Usage: bash tests/skip-reasons.sh RESULTS_DIR
set -uo pipefail
{ cat "$1"/*.trx 2>/dev/null || true; } | awk '
  /outcome="NotExecuted"/ { skipped = 1 }
  skipped && /<Message>/ { reading = 1; text = "" }
  reading { text = text (text == "" ? "" : " ") $0 }
  reading && /<\/Message>/ {
    sub(/.*<Message>/, "", text); sub(/<\/Message>.*/, "", text); gsub(/^[ \t]+|[ \t]+$/, "", text)
    gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text); gsub(/&apos;/, "\047", text); gsub(/&amp;/, "\\&", text)
    print text; reading = 0
  }
  /<\/UnitTestResult>/ { skipped = 0; reading = 0 }' | sort | uniq -c | sort -rn | while read -r count reason; do
  echo "skipped: ${count} x ${reason}"
done
exit 0
