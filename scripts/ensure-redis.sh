#!/usr/bin/env bash
# Make a Redis server answer on 127.0.0.1:6379: start it if down, install it if missing.
set -euo pipefail
ready() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
ready && exit 0
if ! command -v redis-server >/dev/null; then
  echo "installing Redis"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
mkdir -p /var/lib/redis /var/log/redis
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
  --dir /var/lib/redis --logfile /var/log/redis/ci.log
for _ in $(seq 1 20); do ready && exit 0; sleep 0.5; done
echo "Redis did not start" >&2; exit 1
