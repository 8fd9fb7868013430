#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser build), and the PDF
# export tests render pages with poppler's pdftoppm. Install both when missing and we are
# allowed to; otherwise say what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium and poppler-utils for the tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils \
    >/dev/null
  exit 0
fi
echo "missing test tools: run 'sudo apt-get install chromium poppler-utils'" >&2
exit 1
