# Waiting for pods with a budget (sourced by up.sh). A pod that is not Ready
# in time fails the run with `kubectl describe` and the last 50 log lines of
# each of its containers (the app and its daprd sidecar), previous run too.

# Names of the pods of a namespace that are not Ready (finished Job pods and
# helper pods that completed count as done).
pods_not_ready() { # namespace
  kc -n "$1" get pods -o json | jq -r '.items[]
    | select(.status.phase != "Succeeded")
    | select([.status.conditions[]? | select(.type == "Ready" and .status == "True")] | length == 0)
    | .metadata.name'
}

explain_pod() { # namespace pod
  local ns="$1" pod="$2" c
  printf '\n===== kubectl -n %s describe pod %s\n' "$ns" "$pod" >&2
  kc -n "$ns" describe pod "$pod" >&2 || true
  for c in $(kc -n "$ns" get pod "$pod" -o jsonpath='{.spec.initContainers[*].name} {.spec.containers[*].name}' 2>/dev/null); do
    printf '\n===== kubectl -n %s logs %s -c %s --tail 50\n' "$ns" "$pod" "$c" >&2
    kc -n "$ns" logs "$pod" -c "$c" --tail 50 >&2 2>&1 || true
    if [ "$(kc -n "$ns" get pod "$pod" -o jsonpath="{.status.containerStatuses[?(@.name==\"$c\")].restartCount}" 2>/dev/null)" \
      -gt 0 ] 2>/dev/null; then
      printf '\n===== kubectl -n %s logs %s -c %s --previous --tail 50\n' "$ns" "$pod" "$c" >&2
      kc -n "$ns" logs "$pod" -c "$c" --previous --tail 50 >&2 2>&1 || true
    fi
  done
}

# Wait until the namespace has at least <min> pods and all are Ready.
wait_pods_ready() { # namespace budget-seconds [min-pods]
  local ns="$1" budget="$2" min="${3:-1}" deadline pending count t0
  t0=$(date +%s)
  deadline=$((t0 + budget))
  while :; do
    count="$(kc -n "$ns" get pods -o name 2>/dev/null | wc -l)"
    pending="$(pods_not_ready "$ns" 2>/dev/null || echo '?')"
    if [ "$count" -ge "$min" ] && [ -z "$pending" ]; then
      say "namespace $ns: $count pods Ready in $(($(date +%s) - t0)) s"
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "namespace $ns: pods not Ready within ${budget}s: $(echo ${pending:-"<fewer than $min pods>"})"
      kc -n "$ns" get pods -o wide >&2 || true
      local p
      for p in $pending; do [ "$p" = '?' ] || explain_pod "$ns" "$p"; done
      return 1
    fi
    sleep 2
  done
}
