# Shared helpers for the obtain scripts. Progress goes to stderr so that stdout
# carries only the result (a path) for the caller.
TICKLER_CACHE="${TICKLER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tickler}"
mkdir -p "$TICKLER_CACHE"
progress() { printf '[obtain] %s\n' "$*" >&2; }
fail() { printf '[obtain] ERROR: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not on PATH"; }
# A piece obtained earlier: say so, hand its path to the caller, and stop the script.
reuse() { progress "$1: using $2"; echo "$2"; exit 0; }
