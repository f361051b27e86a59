#!/usr/bin/env bash
# Debian's headless-capable chromium for the leaderboard browser test.
#   deploy/chromium.sh install   install the `chromium` package if `chromium` is not on PATH (CI runs this before the tests)
#   deploy/chromium.sh path      print the browser's path (exit 1 when missing)
set -euo pipefail
action="${1:-}"

find_browser() { command -v chromium || command -v chromium-browser || true; }

case "$action" in
  install)
    [ -n "$(find_browser)" ] && exit 0
    echo "chromium.sh: installing chromium (apt-get)" >&2
    # A stale package list is the usual reason an install fails on a fresh machine: update once, then retry.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
    [ -n "$(find_browser)" ] || { echo "chromium.sh: chromium could not be installed" >&2; exit 1; } ;;
  path)
    browser="$(find_browser)"
    [ -n "$browser" ] || { echo "chromium.sh: chromium is not installed (deploy/chromium.sh install)" >&2; exit 1; }
    echo "$browser" ;;
  *)
    echo "usage: deploy/chromium.sh install|path" >&2; exit 2 ;;
esac
