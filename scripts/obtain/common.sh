# Shared helpers for the obtain scripts. Progress goes to stderr so that stdout
# carries only the result (a path) for the caller.
TICKLER_CACHE="${TICKLER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tickler}"
mkdir -p "$TICKLER_CACHE"
progress() { printf '[obtain] %s\n' "$*" >&2; }
fail() { printf '[obtain] ERROR: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not on PATH"; }
# A registry fetch, tried up to 4 times (15, 30, 60 s apart): a fresh machine's
# first fetches have met "TLS handshake timeout" from the Go module proxy while
# everything else downloaded beside them, and go has no retry of its own.
# Usage: retry "<what, for the progress line>" command args...
# Its progress line goes to the script's own stderr, also when the command's
# output is redirected to a log.
exec {obtain_stderr}>&2
retry() {
  local what="$1" attempt=1 wait=15
  shift
  until "$@"; do
    [ "$attempt" -lt 4 ] || return 1
    progress "$what failed (attempt $attempt of 4); trying again in ${wait}s" 2>&"$obtain_stderr"
    sleep "$wait"
    attempt=$((attempt + 1)); wait=$((wait * 2))
  done
}

# A piece obtained earlier: say so, hand its path to the caller, and stop the script.
reuse() { progress "$1: using $2"; echo "$2"; exit 0; }

# One obtain of a tool at a time: `npm test` starts the slow obtains in the
# background while other steps may ask for the same tool, and the scripts
# build into shared directories. Each script that sources this file holds an
# exclusive lock named after it (e.g. dapr) until it exits; a second caller
# waits, then finds what the first one built.
obtain_lock() {
  mkdir -p "$TICKLER_CACHE/locks"
  exec {obtain_lock_fd}>"$TICKLER_CACHE/locks/$1.lock"
  if ! flock -n "$obtain_lock_fd"; then
    progress "$1: another obtain of it is running; waiting for it to finish"
    flock "$obtain_lock_fd"
  fi
}
obtain_lock "$(basename "$0" .sh)"
