#!/usr/bin/env bash
# Make the HTTP load generator `wrk` (Debian package) available for bench/load.py.
set -euo pipefail
command -v wrk >/dev/null && exit 0
echo "installing wrk"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
