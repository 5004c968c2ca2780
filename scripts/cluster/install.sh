# What `npm run cluster` installs on the node (sourced by up.sh): Dapr's
# control plane from Dapr's own Helm chart, then Tickler's chart the way
# docs/deploy.md tells a user to (namespace, Secrets, helm install with the
# minikube values) plus a small local overlay (images, storage and ingress
# class).

DAPR_VERSION="${DAPR_VERSION:-1.18.1}"
TICKLER_NAMESPACE=tickler

helm_() { "$HELM_BIN" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }

# charts/dapr of the Dapr source the stack's build already downloaded (the Go
# module cache), so the chart and the binaries are the same release.
dapr_chart() {
  local dir
  dir="$(cd "$CLUSTER_DIR" && GOFLAGS=-mod=mod go mod download -json "github.com/dapr/dapr@v$DAPR_VERSION" | jq -r .Dir)" \
    || die "cannot find github.com/dapr/dapr@v$DAPR_VERSION in the Go module cache or proxy"
  [ -f "$dir/charts/dapr/Chart.yaml" ] || die "$dir has no charts/dapr"
  echo "$dir/charts/dapr"
}

install_dapr() {
  local chart
  chart="$(dapr_chart)"
  say "Dapr $DAPR_VERSION control plane from $chart, mTLS on ($(elapsed))"
  helm_ upgrade --install dapr "$chart" --namespace dapr-system --create-namespace \
    --set global.registry=localhost/dapr --set "global.tag=$DAPR_VERSION" \
    --set global.imagePullPolicy=Never \
    --set dapr_sidecar_injector.sidecarImagePullPolicy=Never \
    --set global.mtls.enabled=true \
    --set global.ha.enabled=false \
    --set global.logAsJson=true \
    --set dapr_scheduler.cluster.storageSize=1Gi \
    --set dapr_placement.volumeclaims.storageSize=256Mi \
    >>"$LOGS/helm.log" 2>&1 || { tail -n 30 "$LOGS/helm.log" >&2; die "helm install of Dapr's chart failed; see $LOGS/helm.log"; }
  wait_pods_ready dapr-system "${DAPR_READY_BUDGET:-600}" 5 || die "Dapr's control plane did not become Ready"
}

# The local overlay on top of charts/tickler/values-minikube.yaml: what differs
# between minikube and this node (images made here, its storage and ingress
# classes, Kafka pods instead of the Strimzi operator, the read store's image
# as the dev MongoDB).
#
# WEBHOOK_ALLOW_ADDRESSES: the test suites' webhook receiver listens on the
# host's end of the node's veth (npm run test:cluster); that one address is
# let through the webhook egress guard, which stays on for every other
# private address (pods, Services, the node, cloud metadata). Not for a
# real deployment: docs/cluster.md.
#
# config.rateLimitPerMinute 3000 (50/s): the fault suite writes up to 25 creates/s
# as one user, above the chart's per-user budget of 20/s (1200/min), and
# measures the faults, not that limit (the e2e tier tests the limit itself).
tickler_overlay() {
  cat <<EOF2
image: {registry: localhost, repository: tickler, tag: "${TICKLER_IMAGE_TAG:-dev}", pullPolicy: Never}
config: {rateLimitPerMinute: 3000}
apps:
  api: {extraEnv: {WEBHOOK_ALLOW_ADDRESSES: "$HOST_IP/32"}}
  notifications: {extraEnv: {WEBHOOK_ALLOW_ADDRESSES: "$HOST_IP/32"}}
ingress: {enabled: true, className: traefik, host: ""}
networkPolicy:
  kubeApiServer: {cidrs: ["$NODE_IP/32"], ports: [$API_PORT]}
kafka:
  mode: pods
  pods:
    image: $(image_ref kafka)
    pullPolicy: Never
    storage: {storageClass: local-path}
devServices:
  storageClass: local-path
  mongodb:
    image: $(image_ref secantus)
    server: secantusd
  redis:
    image: $(image_ref redis)
EOF2
}

# Namespace and Secrets exactly as docs/deploy.md tells a user to make them.
tickler_secrets() {
  local app jwt
  kc create namespace "$TICKLER_NAMESPACE" >/dev/null
  jwt="$(openssl rand -hex 32)"
  # Kept for minting tokens against this cluster (scripts/token.ts reads AUTH_JWT_SECRET).
  (umask 077 && echo "$jwt" >"$CLUSTER_DIR/jwt-secret")
  # directConnection: the dev store here is the read store (secantusd-rs),
  # which announces its bind address (0.0.0.0) as its host; a driver that
  # followed it would dial its own pod. docs/deploy.md's mongod needs no flag.
  kc -n "$TICKLER_NAMESPACE" create secret generic tickler-mongodb \
    --from-literal=uri='mongodb://tickler-mongodb:27017/tickler?directConnection=true' >/dev/null
  kc -n "$TICKLER_NAMESPACE" create secret generic tickler-auth --from-literal=jwt-secret="$jwt" >/dev/null
  for app in api notifications audit; do
    kc -n "$TICKLER_NAMESPACE" create secret generic "tickler-$app-dapr-api-token" --from-literal=token="$(openssl rand -hex 24)" >/dev/null
    kc -n "$TICKLER_NAMESPACE" create secret generic "tickler-$app-app-api-token" --from-literal=token="$(openssl rand -hex 24)" >/dev/null
  done
}

install_tickler() {
  say "Tickler: namespace, Secrets, helm install charts/tickler ($(elapsed))"
  tickler_secrets
  tickler_overlay >"$CONF/tickler-local.yaml"
  helm_ upgrade --install tickler "$CLUSTER_ROOT/charts/tickler" --namespace "$TICKLER_NAMESPACE" \
    -f "$CLUSTER_ROOT/charts/tickler/values-minikube.yaml" -f "$CONF/tickler-local.yaml" \
    >>"$LOGS/helm.log" 2>&1 || { tail -n 30 "$LOGS/helm.log" >&2; die "helm install of charts/tickler failed; see $LOGS/helm.log"; }
  wait_pods_ready "$TICKLER_NAMESPACE" "${TICKLER_READY_BUDGET:-900}" 7 || die "Tickler's pods did not become Ready"
}
