#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build).
# Install it when missing and we are allowed to; otherwise say what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Chromium is missing: run 'sudo apt-get install chromium' (the browser tests need /usr/bin/chromium)" >&2
exit 1
