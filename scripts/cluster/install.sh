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
