#!/usr/bin/env bash
# `npm run cluster`: a single-node Kubernetes on this machine, in a network
# namespace of its own (see lib.sh), from parts obtained like the stack's
# (Go module proxy builds cached in ~/.cache/tickler, Debian packages).
# A failed or interrupted run removes everything it made (down.sh).
# docs/cluster.md describes what runs and why.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
source "$here/node.sh"
source "$here/addons.sh"
source "$here/wait.sh"
source "$here/install.sh"
CLUSTER_T0=$(date +%s)
CNI_BIN_DIR=/usr/lib/cni
# --until images|node|addons|dapr|tickler: stop after that stage (default: all).
# "images" obtains and builds every piece and image and starts nothing (no
# node, nothing to remove): CI runs it early, at low priority, while `npm test`
# runs (scripts/cluster/ci.sh --prepare).
until_stage=tickler
while [ $# -gt 0 ]; do
  case "$1" in
    --until) until_stage="${2:-}"; shift 2 || die "--until needs a stage" ;;
    --node-only) until_stage=node; shift ;;
    *) die "unknown argument '$1' (known: --until images|node|addons|dapr|tickler, --node-only)" ;;
  esac
done
case "$until_stage" in images | node | addons | dapr | tickler) ;; *) die "--until: unknown stage '$until_stage'" ;; esac
stage_order() { case "$1" in images) echo 0 ;; node) echo 1 ;; addons) echo 2 ;; dapr) echo 3 ;; tickler) echo 4 ;; esac; }
wanted() { [ "$(stage_order "$1")" -le "$(stage_order "$until_stage")" ]; }
node_only=false
[ "$until_stage" != node ] || node_only=true
images_only=false
[ "$until_stage" != images ] || images_only=true

# --- prerequisites, each named in one line before anything is built ---------
[ "$(id -u)" = 0 ] || die "run as root: the node needs a network namespace, mounts and cgroups (sudo npm run cluster)"
grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || grep -qw overlay /proc/filesystems \
  || die "the kernel has no overlayfs (modprobe overlay failed): containerd's snapshotter needs it"
[ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ] \
  || die "cgroup v1 controllers (memory, freezer) are not mounted under /sys/fs/cgroup: this script supports cgroup v1 hosts only"
for tool in ip nsenter unshare setsid openssl curl jq sha256sum; do
  command -v "$tool" >/dev/null || die "'$tool' is required (Debian: apt-get install iproute2 util-linux openssl curl jq coreutils)"
done
command -v go >/dev/null || die "'go' (1.24 or newer) is required: Kubernetes, etcd and the add-ons are built from the Go module proxy"
missing=()
command -v containerd >/dev/null || missing+=(containerd)
command -v runc >/dev/null || missing+=(runc)
[ -x "$CNI_BIN_DIR/bridge" ] || missing+=(containernetworking-plugins)
command -v iptables >/dev/null || missing+=(iptables)
command -v conntrack >/dev/null || missing+=(conntrack)
command -v cc >/dev/null || missing+=(gcc libc6-dev) # the sandbox image's pause (images.sh)
[ -x /bin/busybox ] || missing+=(busybox-static)    # the shell of test and helper pods
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them: install the Debian packages ${missing[*]}"
fi
if ! $images_only && { [ -e "/run/netns/$NETNS" ] || [ -d "$(cgroup_path freezer)" ] || [ -d "$CLUSTER_DIR" ]; }; then
  say "a previous cluster is still here; removing it first"
  bash "$here/down.sh"
fi

# From here on, any failure or Ctrl-C leaves nothing behind.
on_exit() {
  local status=$?
  if [ "$status" != 0 ] && ! $images_only; then
    say "failed after $(elapsed) (exit $status); removing everything it started"
    bash "$here/down.sh" || true
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# --- obtain (cached; each prints its progress) ------------------------------
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]} (log: $TICKLER_CACHE/apt.log)"
  apt-get -o DPkg::Lock::Timeout=600 update -q >"$TICKLER_CACHE/apt.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
    "${missing[@]}" >>"$TICKLER_CACHE/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed; see $TICKLER_CACHE/apt.log"
fi
obtain() { local out; out="$(bash "$CLUSTER_ROOT/scripts/obtain/$1.sh")" || die "obtaining $1 failed"; tail -n1 <<<"$out"; }
K8S_BIN="$(obtain kubernetes)"
ETCD_BIN="$(obtain etcd)"
$node_only || HELM_BIN="$(obtain helm)"

# Images: scripts/cluster/images.sh makes the sandbox image and, for the full
# install, Tickler's, Dapr's, Kafka's, Redis' and the read store's;
# node-images.sh the add-ons'. Both before the node starts, so that a build
# failure leaves nothing to clean; imported once containerd runs.
say "images ($(elapsed))"
image_names=pause
! wanted dapr || image_names=pause,dapr
! wanted tickler || $images_only || image_names=pause,tickler,dapr,kafka,redis,secantus
! $images_only || image_names=pause,tickler,dapr,kafka,redis,secantus
images_out="$(bash "$here/images.sh" --only "$image_names")" || die "scripts/cluster/images.sh --only $image_names failed"
image_ref() { awk -v n="$1" '$1 == n { print $2 }' <<<"$images_out"; }
PAUSE_IMAGE="$(image_ref pause)"
[ -n "$PAUSE_IMAGE" ] || die "images.sh named no pause image"
addon_args=()
! $node_only || addon_args=(none)
ADDON_IMAGES="$(bash "$here/node-images.sh" "${addon_args[@]+"${addon_args[@]}"}" | tail -n1)" \
  || die "building the add-ons' images failed"
if $images_only; then
  trap - EXIT
  say "every piece and image is built, nothing started ($(elapsed))"
  exit 0
fi

# --- the node ----------------------------------------------------------------
mkdir -p "$CLUSTER_DIR" "$RUN" "$LOGS" "$CONF"
node_network
node_mountns
node_cgroups
node_pki
node_control_plane
node_containerd
say "importing images into containerd ($(elapsed))"
bash "$here/images.sh" --only "$image_names" --import "$CONTAINERD_SOCK" >/dev/null \
  || die "scripts/cluster/images.sh --import failed"
for archive in "$ADDON_IMAGES"/*.tar; do
  ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$archive" >>"$LOGS/import.log" 2>&1 \
    || die "ctr images import $archive failed; see $LOGS/import.log"
done
node_kubelet
node_kube_proxy
wait_for "node $NODE_NAME Ready" 120 kubelet node_ready
# The controllers are working once they made the default service account.
wait_for "the default service account" 120 kube-controller-manager kc -n default get serviceaccount default
say "node $NODE_NAME Ready after $(elapsed)"

if ! $node_only; then
  addons_install
  for ns in kube-system local-path-storage traefik; do
    wait_pods_ready "$ns" 240 1 || die "the add-ons in $ns did not become Ready"
  done
  dns_check
fi
! wanted dapr || install_dapr
if wanted tickler; then
  install_tickler
  wait_for "the web app through the ingress" 120 "" curl -sf -o /dev/null "http://$NODE_IP/"
fi

# What scripts and tests need to reach this cluster.
cat >"$CLUSTER_DIR/cluster.env" <<EOF
TICKLER_CLUSTER_URL=http://$NODE_IP
KUBECONFIG=$KUBECONFIG_ADMIN
TICKLER_CLUSTER_KUBECTL=$K8S_BIN/kubectl
TICKLER_CLUSTER_JWT_SECRET_FILE=$CLUSTER_DIR/jwt-secret
TICKLER_CLUSTER_HELM=${HELM_BIN:-}
TICKLER_CLUSTER_DIR=$CLUSTER_DIR
EOF
trap - EXIT
say "up in $(elapsed); memory of the whole node now: $(cluster_memory)"
! wanted tickler || say "web app: http://$NODE_IP/   (token: AUTH_JWT_SECRET=\$(sudo cat $CLUSTER_DIR/jwt-secret) npm run -s token -- alice)"
cat >&2 <<EOF
[cluster] kubectl: $K8S_BIN/kubectl --kubeconfig $KUBECONFIG_ADMIN get pods -A
[cluster] remove it all: npm run cluster:down
EOF
