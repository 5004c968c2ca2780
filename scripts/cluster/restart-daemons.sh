#!/usr/bin/env bash
# Restart the node's kubelet and container runtime (containerd) as a node
# agent upgrade or crash would: each is stopped with SIGTERM (SIGKILL after
# 20 s) and started again with the same configuration `npm run cluster`
# wrote. The containers and their shims keep running through it; the test of
# test/cluster/faults.ts measures what the pods and the apps make of it.
#
#   sudo scripts/cluster/restart-daemons.sh [kubelet] [containerd]   (default: both)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
source "$here/node.sh"
[ "$(id -u)" = 0 ] || die "run as root (the node's namespaces and cgroups)"
[ -f "$CLUSTER_DIR/cluster.env" ] || die "no cluster: $CLUSTER_DIR/cluster.env is missing; run \`npm run cluster\` first"
K8S_BIN="$(dirname "$(sed -n 's/^TICKLER_CLUSTER_KUBECTL=//p' "$CLUSTER_DIR/cluster.env")")"

which=("$@")
[ "${#which[@]}" -gt 0 ] || which=(kubelet containerd)
for name in "${which[@]}"; do
  case "$name" in kubelet | containerd) ;; *) die "unknown daemon '$name' (known: kubelet, containerd)" ;; esac
done

stop_daemon() { # name
  local pid
  pid="$(cat "$RUN/$1.pid" 2>/dev/null)" || die "$RUN/$1.pid is missing: is the cluster up?"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  say "$1 still running 20 s after SIGTERM: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# The log of the daemon just stopped, kept under its stop time (the last 5 of
# each): one restart's log must survive the next restart, to be read after.
keep_log() { # name
  mv -f "$LOGS/$1.log" "$LOGS/$1.log.$(date -u +%Y%m%dT%H%M%SZ)" 2>/dev/null || true
  ls -1t "$LOGS/$1.log."* 2>/dev/null | tail -n +6 | xargs -r rm -f
}

# Stopped kubelet first, then the runtime under it; started in the other order.
for name in kubelet containerd; do
  [[ " ${which[*]} " == *" $name "* ]] || continue
  say "stopping $name"
  stop_daemon "$name"
done
if [[ " ${which[*]} " == *" containerd "* ]]; then
  keep_log containerd
  say "starting containerd"
  containerd_start
fi
if [[ " ${which[*]} " == *" kubelet "* ]]; then
  keep_log kubelet
  say "starting kubelet"
  kubelet_start
fi
say "restarted: ${which[*]}"
