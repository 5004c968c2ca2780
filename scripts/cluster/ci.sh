#!/usr/bin/env bash
# `npm run test:cluster:ci`: the cluster suite as CI runs it (.ci/run, after
# `npm test`), in one command: a fresh `npm run cluster`, then
# `npm run test:cluster` (the portable set and the five faults), then
# `npm run cluster:down`, whatever happened, and a check that nothing of the
# node is left (processes, mounts, network namespace, veth, routes, cgroups,
# the cluster directory): a following `npm test` must find the machine as it
# was. The exit code is the suite's; a missing piece or a leftover fails it.
#
#   scripts/cluster/ci.sh --prepare   only obtain and build every piece and
#                                     image (both Tickler tags), start nothing;
#                                     .ci/run runs it under `nice` while
#                                     `npm test` runs, so the slow builds of a
#                                     cold cache overlap the tests
#
# Progress lines are prefixed [cluster-ci] with the time since the start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
repo="$(cd "$here/../.." && pwd)"
T0=$SECONDS
note() { printf '[cluster-ci] %s (%d s)\n' "$*" "$((SECONDS - T0))" >&2; }

[ "$(id -u)" = 0 ] || die "the cluster suite needs root (network namespace, mounts, cgroups): run CI as root"

if [ "${1:-}" = --prepare ]; then
  note "building the cluster's pieces and images (nothing is started)"
  bash "$here/up.sh" --until images
  # The rolling-upgrade fault switches to a second tag of the same sources
  # (test/cluster/faults.ts: ensureTagImported then only imports it).
  TICKLER_IMAGE_TAG=v2 bash "$here/images.sh" --only tickler >/dev/null
  note "prepared"
  exit 0
fi
[ $# = 0 ] || die "unknown argument '$1' (only --prepare)"

# What must be gone after cluster:down; printed and failed on, never ignored.
leftovers() {
  local left=()
  [ ! -e "/run/netns/$NETNS" ] || left+=("network namespace $NETNS")
  ! ip link show "$HOST_VETH" >/dev/null 2>&1 || left+=("veth $HOST_VETH")
  ! ip route show | grep -q -e "^${POD_CIDR} " -e "^${SERVICE_CIDR} " || left+=("host routes to $POD_CIDR or $SERVICE_CIDR")
  [ -z "$(cluster_pids)" ] || left+=("processes $(cluster_pids | tr '\n' ' ')")
  local c
  for c in "${CGROUP_CONTROLLERS[@]}" unified; do
    [ ! -d "$(cgroup_path "$c")" ] || left+=("cgroup $(cgroup_path "$c")")
  done
  ! awk -v d="$CLUSTER_DIR" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo || left+=("mounts under $CLUSTER_DIR")
  [ ! -e "$CLUSTER_DIR" ] || left+=("$CLUSTER_DIR")
  [ "${#left[@]}" = 0 ] || printf '%s\n' "${left[@]}"
}

status=0
teardown() {
  local rc=$?
  [ "$status" != 0 ] || status=$rc
  trap - EXIT INT TERM
  if [ "$status" != 0 ] && [ -f "$KUBECONFIG_ADMIN" ] && [ -n "${K8S_BIN:-}" ]; then
    note "the cluster as it was when the suite failed:"
    kc get pods -A -o wide >&2 || true
    kc get events -A --sort-by=.lastTimestamp 2>/dev/null | tail -n 25 >&2 || true
    # Every pod's log as it is now (the faults keep their own; a failed portable spec had none).
    local kept="$repo/test-artifacts/cluster/at-failure"
    rm -rf "$kept" && mkdir -p "$kept"
    kc get pods -A --no-headers -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name 2>/dev/null \
      | while read -r ns pod; do kc logs -n "$ns" "$pod" --all-containers --prefix --tail=5000 >"$kept/$ns-$pod.log" 2>&1 || true; done
    note "every pod's log at the failure: $kept"
  fi
  note "removing the cluster (npm run cluster:down)"
  bash "$here/down.sh" || status=1
  local left
  left="$(leftovers)"
  if [ -n "$left" ]; then
    note "FAILED: left behind after cluster:down: $(tr '\n' ';' <<<"$left")"
    status=1
  else
    note "nothing of the cluster is left"
  fi
  # Last, because CI shows only the tail of the output: what failed and the apps' errors behind it.
  if [ "$status" != 0 ]; then
    note "what failed (the fault table and the apps' logs in test-artifacts/cluster/):"
    bash "$here/failure-summary.sh" "$repo" >&2 || true
  fi
  note "cluster suite $([ "$status" = 0 ] && echo passed || echo "FAILED (exit $status)")"
  exit "$status"
}
trap teardown EXIT
trap 'status=130; exit 130' INT TERM

note "npm run cluster"
bash "$here/up.sh"
K8S_BIN="$(dirname "$(sed -n 's/^TICKLER_CLUSTER_KUBECTL=//p' "$CLUSTER_DIR/cluster.env")")"
note "npm run test:cluster (the portable set, then the faults)"
cd "$repo"
node scripts/ensure-deps.mjs scripts/test-target.ts --cluster || status=$?
