#!/usr/bin/env bash
# `npm run cluster:down`: remove everything `npm run cluster` made, whatever
# state it is in (also run by up.sh when a run fails or is interrupted):
# every process of the node (they all live in one cgroup tree), the mounts
# under the cluster directory, the network namespace (its bridge, veths and
# iptables rules go with it), the host end of the veth pair, the cgroups, the
# CNI cache entries and the cluster directory. Safe to run twice.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

[ "$(id -u)" = 0 ] || die "cluster:down must run as root (it removes mounts, cgroups and a network namespace)"

# 1. Processes: freeze the tree so nothing forks while we kill, kill, thaw.
freezer="$(cgroup_path freezer)"
for attempt in $(seq 1 60); do
  pids="$(cluster_pids)"
  [ -n "$pids" ] || break
  [ "$attempt" = 1 ] && say "stopping $(wc -w <<<"$pids") processes of the node"
  [ -w "$freezer/freezer.state" ] && echo FROZEN >"$freezer/freezer.state" 2>/dev/null
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null
  [ -w "$freezer/freezer.state" ] && echo THAWED >"$freezer/freezer.state" 2>/dev/null
  sleep 0.5
done
[ -z "$(cluster_pids)" ] || say "WARNING: processes still in $freezer: $(cluster_pids | tr '\n' ' ')"

# 2. Mounts under the cluster directory (kubelet volumes, sandbox shm, pod
#    network namespaces, overlay rootfs), deepest first; lazily if busy.
if [ -d "$CLUSTER_DIR" ]; then
  mapfile -t mounts < <(awk -v d="$CLUSTER_DIR" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r -u)
  [ "${#mounts[@]}" = 0 ] || say "unmounting ${#mounts[@]} mounts under $CLUSTER_DIR"
  for m in "${mounts[@]}"; do
    m="$(printf '%b' "$m")" # mountinfo escapes spaces as \040
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || say "WARNING: cannot unmount $m"
  done
fi

# 3. The node's network namespace (bridge, pod veths, iptables rules) and the
#    host end of the veth pair.
if [ -e "/run/netns/$NETNS" ]; then
  say "removing network namespace $NETNS"
  ip netns del "$NETNS" 2>/dev/null || say "WARNING: ip netns del $NETNS failed"
fi
ip link del "$HOST_VETH" 2>/dev/null || true

# 4. Cgroups, deepest first, in every controller.
# (runc also mirrors the tree into the empty cgroup v2 "unified" mount.)
for c in "${CGROUP_CONTROLLERS[@]}" unified; do
  root="$(cgroup_path "$c")"
  [ -d "$root" ] || continue
  find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null
  [ ! -d "$root" ] || say "WARNING: cannot remove cgroup $root"
done

# 5. What libcni and containerd's shims keep outside the cluster directory:
#    cached CNI results of our network, and the shims' sockets (named by a
#    hash of containerd's socket, namespace and task id).
rm -f /var/lib/cni/results/"$CNI_NETWORK"-* 2>/dev/null
for sandbox in "$CLUSTER_DIR"/containerd/io.containerd.grpc.v1.cri/sandboxes/*; do
  [ -e "$sandbox" ] && rm -f /var/lib/cni/results/cni-loopback-"$(basename "$sandbox")"-lo
done
if [ -d "$CLUSTER_DIR/run/containerd/io.containerd.runtime.v2.task" ] && [ -d /run/containerd/s ]; then
  for task in "$CLUSTER_DIR"/run/containerd/io.containerd.runtime.v2.task/*/*; do
    [ -e "$task" ] || continue
    ns="$(basename "$(dirname "$task")")"
    hash="$(printf '%s' "$CONTAINERD_SOCK/$ns/$(basename "$task")" | sha256sum | cut -d' ' -f1)"
    rm -f "/run/containerd/s/$hash"
  done
fi

# 6. The cluster directory, never crossing into another filesystem (a mount
#    we could not remove stays, and is reported).
if [ -d "$CLUSTER_DIR" ]; then
  left="$(awk -v d="$CLUSTER_DIR" 'index($5, d "/") == 1 || $5 == d { print $5 }' /proc/self/mountinfo)"
  if [ -n "$left" ]; then
    say "WARNING: mounts remain, $CLUSTER_DIR kept: $left"
    exit 1
  fi
  rm -rf --one-file-system "$CLUSTER_DIR"
fi
say "cluster removed"
