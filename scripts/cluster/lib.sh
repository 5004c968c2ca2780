# Shared settings and helpers of `npm run cluster` / `npm run cluster:down`
# (sourced by scripts/cluster/up.sh and down.sh).
#
# The node lives in a network namespace of its own, reached from the host
# through one veth pair; every daemon (etcd, the control plane, kubelet,
# kube-proxy, containerd) runs in it, so the pod bridge, Service routing and
# NAT rules exist only there and go away with it. The namespace has no default
# route: nothing from the cluster can reach an address off this machine.

CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TICKLER_CACHE="${TICKLER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tickler}"
# A fresh machine has no cache yet: the first log written there (apt.log) must not fail.
mkdir -p "$TICKLER_CACHE"
# Everything the node writes (PKI, etcd data, kubelet and containerd state, logs,
# volumes); removed by cluster:down.
CLUSTER_DIR="${TICKLER_CLUSTER_DIR:-/var/lib/tickler-cluster}"
NETNS="${TICKLER_CLUSTER_NETNS:-tickler-node}"
NODE_NAME="tickler-node"
CGROUP="tickler-cluster"          # under every cgroup v1 controller
HOST_VETH="tkn-host"              # host side of the veth pair
# Addresses: the veth link, the pods' bridge and the Services. Private ranges
# that the host does not route; change them if they clash with yours.
HOST_IP="${TICKLER_CLUSTER_HOST_IP:-10.213.0.1}"
NODE_IP="${TICKLER_CLUSTER_NODE_IP:-10.213.0.2}"
POD_CIDR="${TICKLER_CLUSTER_POD_CIDR:-10.214.0.0/24}"
POD_GATEWAY="${POD_CIDR%.*}.1"
SERVICE_CIDR="${TICKLER_CLUSTER_SERVICE_CIDR:-10.215.0.0/24}"
SERVICE_PREFIX="${SERVICE_CIDR%.*}"
API_SERVICE_IP="$SERVICE_PREFIX.1"
DNS_SERVICE_IP="$SERVICE_PREFIX.10"
CLUSTER_DOMAIN="cluster.local"
API_PORT=6443
CNI_NETWORK="tickler-pods"

PKI="$CLUSTER_DIR/pki"
CONF="$CLUSTER_DIR/conf"
LOGS="$CLUSTER_DIR/logs"
RUN="$CLUSTER_DIR/run"
CONTAINERD_SOCK="$RUN/containerd/containerd.sock"
KUBECONFIG_ADMIN="$CLUSTER_DIR/admin.kubeconfig"
# Deliberately cgroup v1 controllers only: this is what the machines have.
CGROUP_CONTROLLERS=(cpu cpuacct cpuset memory devices freezer blkio pids systemd)

say() { printf '[cluster] %s\n' "$*" >&2; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$(($(date +%s) - ${CLUSTER_T0:-$(date +%s)})) s"; }

in_node() { nsenter --net="/run/netns/$NETNS" -- "$@"; }
# The same, also in the node's mount namespace (where the kubelet's mounts are).
in_node_mnt() { nsenter --mount="$RUN/mntns" --net="/run/netns/$NETNS" -- "$@"; }
# kubectl from the host: the API server listens on the node's end of the veth pair.
kc() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }

cgroup_path() { echo "/sys/fs/cgroup/$1/$CGROUP${2:+/$2}"; }

# Every pid in the cluster's cgroup tree (the freezer hierarchy holds them all:
# our daemons, the containerd shims and every container).
cluster_pids() {
  local root
  root="$(cgroup_path freezer)"
  [ -d "$root" ] || return 0
  find "$root" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un
}

# Memory of everything in the cluster's cgroup tree (daemons, shims, pods):
# resident (rss) and page cache.
cluster_memory() {
  local m
  m="$(cgroup_path memory)"
  [ -f "$m/memory.stat" ] || { echo "n/a"; return; }
  awk '$1 == "total_rss" { rss = $2 } $1 == "total_cache" { cache = $2 }
       END { printf "%d MiB resident, %d MiB page cache", rss / 1048576, cache / 1048576 }' "$m/memory.stat"
}
