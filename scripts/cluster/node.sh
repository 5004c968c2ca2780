# The node of `npm run cluster`: network namespace, PKI, etcd, the control
# plane, containerd, kubelet and kube-proxy (sourced by up.sh after lib.sh;
# needs K8S_BIN and ETCD_BIN).

# The namespace, its veth to the host, and the sysctls a node needs (all of
# them per namespace: nothing of the host's network settings changes).
node_network() {
  say "network namespace $NETNS: node $NODE_IP, host $HOST_IP, pods $POD_CIDR, services $SERVICE_CIDR"
  ip netns add "$NETNS"
  ip link add "$HOST_VETH" type veth peer name eth0 netns "$NETNS"
  ip addr add "$HOST_IP/30" dev "$HOST_VETH"
  ip link set "$HOST_VETH" up
  in_node ip link set lo up
  in_node ip addr add "$NODE_IP/30" dev eth0
  in_node ip link set eth0 up
  # No default route on purpose: the node reaches the host's end of the link
  # and nothing else. Service addresses need a route for the node's own
  # connections (the API server calling a webhook's Service): onto the pods'
  # bridge (made here; the CNI bridge plugin adopts it), where kube-proxy's
  # DNAT sends them on to a pod.
  in_node ip link add cni0 type bridge
  in_node ip link set cni0 up
  in_node ip route add "$SERVICE_CIDR" dev cni0 src "$NODE_IP"
  # The host reaches pods and Services through the node (never through its
  # own default route); these routes go away with the veth.
  ip route add "$POD_CIDR" via "$NODE_IP" dev "$HOST_VETH"
  ip route add "$SERVICE_CIDR" via "$NODE_IP" dev "$HOST_VETH"
  # Forwarding inside the namespace only (pod → Service, host → pod).
  in_node sysctl -q -w net.ipv4.ip_forward=1
  in_node sysctl -q -w net.ipv4.conf.all.route_localnet=1
  in_node sysctl -q -w net.bridge.bridge-nf-call-iptables=1 2>/dev/null \
    || { modprobe br_netfilter 2>/dev/null && in_node sysctl -q -w net.bridge.bridge-nf-call-iptables=1; } \
    || die "bridge netfilter is unavailable (modprobe br_netfilter): Services would not reach pods on the same bridge"
}

# The node's mount namespace, kept by a bind mount on $RUN/mntns: every
# mount of containerd and the kubelet (volumes, overlay roots, pod network
# namespaces) happens in it and disappears with it, so the host's mount table
# never changes. In it, the kernel settings the kubelet insists on (it would
# otherwise write vm.overcommit_memory=1, kernel.panic=10 and
# kernel.panic_on_oops=1 for the whole machine) read as the values it wants,
# so it writes nothing; containers mount their own /proc and see the real ones.
node_mountns() {
  mkdir -p "$RUN/sysctl"
  touch "$RUN/mntns"
  unshare --mount="$RUN/mntns" --propagation private true || die "cannot create a mount namespace (unshare --mount)"
  local key value
  while read -r key value; do
    [ -e "/proc/sys/$key" ] || continue
    echo "$value" >"$RUN/sysctl/${key//\//.}"
    nsenter --mount="$RUN/mntns" -- mount --bind -o ro "$RUN/sysctl/${key//\//.}" "/proc/sys/$key" \
      || die "cannot mask /proc/sys/$key in the node's mount namespace"
  done <<'EOF2'
vm/overcommit_memory 1
vm/panic_on_oom 0
kernel/panic 10
kernel/panic_on_oops 1
kernel/keys/root_maxkeys 1000000
kernel/keys/root_maxbytes 25000000
EOF2
}

# One CA signs everything; certificates are made per run (a second or two).
node_pki() {
  say "certificates"
  mkdir -p "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 \
      -subj "/CN=tickler-cluster-ca" 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    cert() { # name CN O [subjectAltName]
      local subj="/CN=$2"
      [ -z "$3" ] || subj="/O=$3$subj"
      openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$subj" 2>/dev/null
      {
        echo "basicConstraints=CA:FALSE"
        echo "keyUsage=critical,digitalSignature,keyEncipherment"
        if [ -n "${4:-}" ]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$4"
        else echo "extendedKeyUsage=clientAuth"; fi
      } >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$1.crt" \
        -days 365 -extfile "$1.ext" 2>/dev/null
      rm -f "$1.csr" "$1.ext"
    }
    cert apiserver kube-apiserver "" \
      "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN,DNS:localhost,IP:127.0.0.1,IP:$NODE_IP,IP:$API_SERVICE_IP"
    cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
    cert admin tickler-admin system:masters
    cert controller-manager system:kube-controller-manager ""
    cert scheduler system:kube-scheduler ""
    cert kubelet "system:node:$NODE_NAME" system:nodes
    cert kube-proxy system:kube-proxy ""
  )
  kubeconfig admin "$KUBECONFIG_ADMIN"
  local c
  for c in controller-manager scheduler kubelet kube-proxy; do kubeconfig "$c" "$CONF/$c.kubeconfig"; done
}

kubeconfig() { # cert-name file
  mkdir -p "$(dirname "$2")"
  cat >"$2" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: tickler
  cluster:
    certificate-authority: $PKI/ca.crt
    server: https://$NODE_IP:$API_PORT
users:
- name: $1
  user:
    client-certificate: $PKI/$1.crt
    client-key: $PKI/$1.key
contexts:
- name: tickler
  context: {cluster: tickler, user: $1}
current-context: tickler
EOF
}

# The cgroup tree every process of the node lives in: kubelet's cgroupRoot,
# our daemons in control/. Killing the tree is how cluster:down stops it all.
node_cgroups() {
  local c p
  for c in "${CGROUP_CONTROLLERS[@]}"; do
    [ -d "/sys/fs/cgroup/$c" ] || die "cgroup v1 controller $c is not mounted at /sys/fs/cgroup/$c"
    mkdir -p "$(cgroup_path "$c" control)"
  done
  # cpuset children start empty: copy the parent's cpus and memory nodes.
  for p in "$(cgroup_path cpuset)" "$(cgroup_path cpuset control)"; do
    cat "$(dirname "$p")/cpuset.cpus" >"$p/cpuset.cpus"
    cat "$(dirname "$p")/cpuset.mems" >"$p/cpuset.mems"
  done
}

# Start a daemon detached, inside the node's cgroup tree and network namespace,
# with its own log; its pid goes to $RUN/<name>.pid.
daemon() { # name command...
  local name="$1"
  shift
  mkdir -p "$LOGS" "$RUN"
  # shellcheck disable=SC2016
  setsid bash -c '
    for c in "${@:3:$2}"; do echo $$ >"/sys/fs/cgroup/$c/'"$CGROUP"'/control/cgroup.procs"; done
    shift $(($2 + 2))
    ulimit -n 20000 2>/dev/null || true
    exec nsenter --mount='"$RUN/mntns"' --net=/run/netns/'"$NETNS"' -- "$@"' \
    _ "$name" "${#CGROUP_CONTROLLERS[@]}" "${CGROUP_CONTROLLERS[@]}" "$@" \
    >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

alive() { local pid; pid="$(cat "$RUN/$1.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null; }

# Wait for a condition with a deadline; a daemon that died fails at once with
# its last log lines.
wait_for() { # description seconds daemon-or-"" command...
  local what="$1" budget="$2" daemon_name="$3" deadline
  shift 3
  deadline=$(($(date +%s) + budget))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$daemon_name" ] && ! alive "$daemon_name"; then
      tail -n 50 "$LOGS/$daemon_name.log" >&2
      die "$daemon_name exited while waiting for $what (log: $LOGS/$daemon_name.log)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      [ -z "$daemon_name" ] || tail -n 50 "$LOGS/$daemon_name.log" >&2
      die "$what not reached within ${budget}s${daemon_name:+ (log: $LOGS/$daemon_name.log)}"
    fi
    sleep 1
  done
}

api_ready() { in_node curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://$NODE_IP:$API_PORT/readyz"; }

node_control_plane() {
  mkdir -p "$CLUSTER_DIR/etcd"
  say "etcd ($(elapsed))"
  daemon etcd "$ETCD_BIN" --name "$NODE_NAME" --data-dir "$CLUSTER_DIR/etcd" \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster "$NODE_NAME=http://127.0.0.1:2380" --listen-metrics-urls http://127.0.0.1:2381 \
    --quota-backend-bytes 2147483648 --log-level warn
  wait_for "etcd health" 60 etcd in_node curl -sf http://127.0.0.1:2381/health

  say "kube-apiserver ($(elapsed))"
  daemon kube-apiserver "$K8S_BIN/kube-apiserver" \
    --etcd-servers http://127.0.0.1:2379 --advertise-address "$NODE_IP" --bind-address "$NODE_IP" \
    --secure-port "$API_PORT" --service-cluster-ip-range "$SERVICE_CIDR" \
    --client-ca-file "$PKI/ca.crt" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --kubelet-preferred-address-types InternalIP \
    --allow-privileged=true --profiling=false --v=1
  wait_for "the API server to be ready" 180 kube-apiserver api_ready

  say "kube-controller-manager, kube-scheduler ($(elapsed))"
  daemon kube-controller-manager "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$CONF/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$CONF/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$CONF/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
    --root-ca-file "$PKI/ca.crt" --service-account-private-key-file "$PKI/sa.key" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --allocate-node-cidrs=false --profiling=false --v=1
  daemon kube-scheduler "$K8S_BIN/kube-scheduler" \
    --kubeconfig "$CONF/scheduler.kubeconfig" \
    --authentication-kubeconfig "$CONF/scheduler.kubeconfig" \
    --authorization-kubeconfig "$CONF/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
}

node_containerd() {
  local root="$CLUSTER_DIR/containerd" state="$RUN/containerd"
  mkdir -p "$root" "$state" "$CONF/cni" "$CLUSTER_DIR/cni"
  # The pods' network: one bridge in the node's namespace, addresses from a
  # fixed range, masquerading only for traffic that leaves the pod range (it
  # can only reach the node's own addresses: there is no default route).
  cat >"$CONF/cni/10-$CNI_NETWORK.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$CNI_NETWORK",
  "plugins": [
    { "type": "bridge", "bridge": "cni0", "isGateway": true, "isDefaultGateway": true,
      "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "dataDir": "$CLUSTER_DIR/cni",
                "ranges": [[{ "subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY" }]] } },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "loopback" }
  ]
}
EOF
  # cgroupfs and runc (crun refuses hybrid cgroups); restrict_oom_score_adj
  # because we may not lower oom_score_adj (no CAP_SYS_RESOURCE); the sandbox
  # image is local (nothing is ever pulled); pod network namespaces are
  # mounted under our state directory so cluster:down finds them.
  cat >"$CONF/containerd.toml" <<EOF
version = 2
root = "$root"
state = "$state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$state/containerd.sock.ttrpc"
[debug]
  address = "$state/debug.sock"
[plugins."io.containerd.internal.v1.opt"]
  path = "$root/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  disable_apparmor = true
  netns_mounts_under_state_dir = true
  stream_server_address = "127.0.0.1"
  enable_unprivileged_ports = true
  enable_unprivileged_icmp = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        Root = "$state/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN_DIR"
    conf_dir = "$CONF/cni"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = ""
EOF
  say "containerd ($(elapsed))"
  containerd_start
}

# Also restart-daemons.sh's way to start them again.
containerd_start() {
  daemon containerd containerd --config "$CONF/containerd.toml"
  wait_for "containerd's socket" 60 containerd in_node ctr --address "$CONTAINERD_SOCK" version
}
# The kubelet exits at once when the runtime's CRI does not serve yet:
# containerd answers its own API (above) before its CRI plugin has recovered
# the running containers ("server is not initialized yet"). Like systemd's
# Restart=, it is started again until it stays up and its health endpoint
# answers; a kubelet left dead stops renewing the node's lease, and 40 s
# later every pod on the node is marked not ready.
kubelet_start() {
  local attempt deadline
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    daemon kubelet "$K8S_BIN/kubelet" --config "$CONF/kubelet.yaml" --kubeconfig "$CONF/kubelet.kubeconfig" \
      --root-dir "$CLUSTER_DIR/kubelet" --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" --v=1
    deadline=$(($(date +%s) + 60))
    while alive kubelet; do
      in_node curl -sf http://127.0.0.1:10248/healthz >/dev/null 2>&1 && return 0
      [ "$(date +%s)" -lt "$deadline" ] || die "the kubelet is running but not healthy after 60 s (log: $LOGS/kubelet.log)"
      sleep 0.5
    done
    say "the kubelet exited at start (attempt $attempt): $(grep -m1 'command failed' "$LOGS/kubelet.log" | sed 's/.*err=//' | cut -c1-200)"
    sleep 1
  done
  tail -n 20 "$LOGS/kubelet.log" >&2
  die "the kubelet exited at each of 10 starts (log: $LOGS/kubelet.log)"
}

ctr_k8s() { ctr --address "$CONTAINERD_SOCK" -n k8s.io "$@"; }

node_kubelet() {
  mkdir -p "$CLUSTER_DIR/kubelet" "$CLUSTER_DIR/pod-logs" "$CONF/manifests"
  # Pods resolve through the cluster DNS; a pod with dnsPolicy Default (the
  # DNS itself) gets this file, whose server is the pod's own loopback: no
  # query ever leaves the machine.
  printf 'nameserver 127.0.0.1\noptions ndots:1\n' >"$CONF/resolv.conf"
  # Image garbage collection off (every image is imported, never pulled:
  # one collected is gone); eviction thresholds low (a shared build machine's
  # disk is not this node's to guard).
  cat >"$CONF/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
# cgroup v1 (this machine's hybrid tree): Kubernetes 1.35 refuses it unless told.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP
cgroupsPerQOS: true
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
failSwapOn: false
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: $CLUSTER_DOMAIN
resolvConf: $CONF/resolv.conf
staticPodPath: $CONF/manifests
podLogsDir: $CLUSTER_DIR/pod-logs
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
maxPods: 110
serializeImagePulls: false
oomScoreAdj: 0
kernelMemcgNotification: false
localStorageCapacityIsolation: true
rotateCertificates: false
serverTLSBootstrap: false
EOF
  say "kubelet ($(elapsed))"
  kubelet_start
  wait_for "node $NODE_NAME to register" 120 kubelet kc get node "$NODE_NAME"
}

node_kube_proxy() {
  # iptables mode in the node's namespace. Conntrack sysctls are left alone:
  # they are global (or need CAP_SYS_RESOURCE), not the namespace's.
  cat >"$CONF/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
clientConnection: {kubeconfig: $CONF/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
oomScoreAdj: 0
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
iptables: {masqueradeAll: false, syncPeriod: 30s, minSyncPeriod: 1s}
nodePortAddresses: [$NODE_IP/32]
EOF
  say "kube-proxy ($(elapsed))"
  daemon kube-proxy "$K8S_BIN/kube-proxy" --config "$CONF/kube-proxy.yaml" --v=1
  wait_for "kube-proxy health" 60 kube-proxy in_node curl -sf http://127.0.0.1:10256/healthz
}

node_ready() { [ "$(kc get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]; }
