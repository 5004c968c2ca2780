#!/usr/bin/env bash
# Obtain redis-server (7.x): PATH first, else Debian's package.
# Prints the path of redis-server on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

if ! command -v redis-server >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || fail "redis-server is not installed and apt-get is unavailable; install Redis 7 or set REDIS_HOST"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  progress "redis: installing Debian package redis-server"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >"$TICKLER_CACHE/apt.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq redis-server >>"$TICKLER_CACHE/apt.log" 2>&1 \
    || fail "redis: apt-get install redis-server failed; see $TICKLER_CACHE/apt.log"
fi
bin="$(command -v redis-server)"
major="$("$bin" --version | sed -n 's/.*v=\([0-9]*\)\..*/\1/p')"
[ "${major:-0}" -ge 7 ] || fail "redis: $bin is version $major; Redis 7 or newer is required"
progress "redis: using $bin ($("$bin" --version | awk '{print $3}'))"
echo "$bin"
