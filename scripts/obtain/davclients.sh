#!/usr/bin/env bash
# Obtain the CalDAV clients the e2e tests drive (test/e2e/caldav*.test.ts):
# the Python `caldav` library, vdirsyncer and todoman from PyPI, pinned, in a
# virtualenv under the tool cache. Needs Python 3.9+ (python3.11, else python3).
# Prints the virtualenv's bin directory on its last line; fails (never skips)
# when they cannot be had.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

CALDAV_VERSION=3.6.0
VDIRSYNCER_VERSION=0.21.0
TODOMAN_VERSION=4.7.0
venv="$TICKLER_CACHE/davclients-r2-caldav$CALDAV_VERSION-vdirsyncer$VDIRSYNCER_VERSION-todoman$TODOMAN_VERSION"

# Made in place (a virtualenv's scripts name its path) and marked complete last: a broken install is never found as a finished one.
if [ -f "$venv/.complete" ] && "$venv/bin/vdirsyncer" --version >/dev/null 2>&1 && "$venv/bin/todo" --version >/dev/null 2>&1; then
  reuse davclients "$venv/bin"
fi

python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
    python="$(command -v "$candidate")"; break
  fi
done
[ -n "$python" ] || fail "davclients: Python 3.9 or newer with the venv module is required (python3.11 or python3)"

rm -rf "$venv"
progress "davclients: making a virtualenv with $python ($("$python" --version 2>&1))"
"$python" -m venv "$venv" || fail "davclients: $python -m venv failed"
progress "davclients: installing caldav==$CALDAV_VERSION vdirsyncer==$VDIRSYNCER_VERSION todoman==$TODOMAN_VERSION from PyPI"
"$venv/bin/pip" install --disable-pip-version-check -q \
  "caldav==$CALDAV_VERSION" "vdirsyncer==$VDIRSYNCER_VERSION" "todoman==$TODOMAN_VERSION" >"$TICKLER_CACHE/davclients-pip.log" 2>&1 \
  || fail "davclients: pip install failed; see $TICKLER_CACHE/davclients-pip.log"
touch "$venv/.complete"
progress "davclients: using $venv/bin"
echo "$venv/bin"
