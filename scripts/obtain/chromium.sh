#!/usr/bin/env bash
# Obtain Chromium for the browser tests: CHROMIUM_PATH or PATH first, else
# Debian's package. Prints the path of the browser on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  reuse chromium "$CHROMIUM_PATH"
fi
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then reuse chromium "$(command -v "$name")"; fi
done

command -v apt-get >/dev/null 2>&1 || fail "chromium is not installed and apt-get is unavailable; install Chromium or set CHROMIUM_PATH"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
progress "chromium: installing Debian package chromium"
# The package lists may be missing or stale on a fresh machine.
if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >"$TICKLER_CACHE/apt-chromium.log" 2>&1; then
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >>"$TICKLER_CACHE/apt-chromium.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >>"$TICKLER_CACHE/apt-chromium.log" 2>&1 \
    || fail "chromium: apt-get install chromium failed; see $TICKLER_CACHE/apt-chromium.log"
fi
bin="$(command -v chromium)" || fail "chromium: installed, but not on PATH"
progress "chromium: using $bin"
echo "$bin"
