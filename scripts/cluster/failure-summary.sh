#!/usr/bin/env bash
# What a failed cluster suite did, in a few lines, printed last by
# scripts/cluster/ci.sh (CI keeps only the tail of its output): the newest
# fault table with why creates were refused (test/cluster/faults.test.ts),
# then per fault the app pods' most frequent errors (test-artifacts/cluster/logs/).
#
#   scripts/cluster/failure-summary.sh <repo>
set -uo pipefail
artifacts="${1:?usage: failure-summary.sh <repo>}/test-artifacts/cluster"
[ -d "$artifacts" ] || { echo "no cluster artifacts in $artifacts"; exit 0; }

table="$(ls -1t "$artifacts"/faults-*.md 2>/dev/null | head -n 1)"
if [ -n "$table" ]; then
  echo "fault table ($table):"
  # The columns that say what failed: fault, acked, refused, refused for, slowest ack, lost writes, lost reminders.
  awk -F'|' '/^\|/ { printf "%s|%s|%s|%s|%s|%s|%s\n", $2, $3, $4, $5, $6, $(NF-3), $(NF-2); next } { print }' "$table"
fi

# The apps' most frequent errors in the logs on stdin (pino level 50), ids and
# numbers blanked so that the same error counts once; printed under a heading.
top_errors() { # heading count
  local errors
  errors="$(grep -o '"level":50.*' | grep -oE '"message":"([^"\\]|\\.)*"' \
    | sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g; s/[0-9]+/N/g' \
    | sort | uniq -c | sort -rn | head -n "$2")"
  [ -n "$errors" ] || return 0
  echo "$1"
  sed -E 's/^ *([0-9]+) "message":/  \1× /' <<<"$errors" | cut -c1-240
}

newest="$(ls -1t "$artifacts/logs" 2>/dev/null | head -n 1)"
stamp="${newest%-*}"
[ -n "$newest" ] && for dir in "$artifacts/logs/$stamp"-*; do
  [ -d "$dir" ] || continue
  cat "$dir"/*.log 2>/dev/null | top_errors "fault ${dir##*-}: the apps' most frequent errors:" 3
done

# Every pod's log at the failure (scripts/cluster/ci.sh): the apps' most frequent
# errors and the ingress's last error lines, for a failure outside the faults.
at="$artifacts/at-failure"
[ -d "$at" ] || exit 0
cat "$at"/tickler-*.log 2>/dev/null | top_errors "at the failure, the apps' most frequent errors:" 5
ingress="$(cat "$at"/traefik-*.log 2>/dev/null | grep -E 'ERR|WRN' | tail -n 5)"
[ -z "$ingress" ] || { echo "at the failure, the ingress's last errors:"; cut -c1-240 <<<"$ingress"; }
