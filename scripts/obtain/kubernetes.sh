#!/usr/bin/env bash
# Obtain the Kubernetes binaries of one release (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kubectl),
# built from the Go module proxy.
#
# k8s.io/kubernetes points its staging modules (k8s.io/api, client-go, ...) at
# ./staging/src with replace directives, so it cannot be built as a plain
# dependency: a wrapper module repeats one replace per staging module, moved
# to the published v0.<minor>.<patch> of that module. The list is read from
# the downloaded go.mod, never hand-copied. The binaries are stamped with the
# version: unstamped ones report v0.0.0-master and Helm's kubeVersion check
# (our Chart.yaml) refuses such a server.
# Each binary is resumable (a done-stamp per binary). Prints the directory of
# the binaries on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

version="${KUBERNETES_VERSION:-1.35.4}"
out="$TICKLER_CACHE/kubernetes-$version"
bins=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

all_done() {
  local b
  for b in "${bins[@]}"; do [ -f "$out/.$b.done" ] && [ -x "$out/$b" ] || return 1; done
  # Output captured first: `| grep -q` under pipefail fails when grep stops early.
  [[ "$("$out/kubectl" version --client -o json 2>/dev/null)" == *"\"gitVersion\": \"v$version\""* ]]
}
if all_done; then reuse "kubernetes $version" "$out"; fi

need go
need jq
build="$TICKLER_CACHE/build/kubernetes-$version"
log="$build/build.log"
mkdir -p "$build" "$out"
progress "kubernetes $version: building from the Go module proxy (first time only, ~15-30 min on 2 busy cores)"
progress "kubernetes $version: build log: $log"
cd "$build"
export GOFLAGS=-mod=mod CGO_ENABLED=0
# Into the module cache first, with retries; the -json read below is then local.
retry "kubernetes: downloading k8s.io/kubernetes@v$version" go mod download "k8s.io/kubernetes@v$version" >/dev/null 2>&1 || true
gomod="$(go mod download -json "k8s.io/kubernetes@v$version" | jq -r .GoMod)" \
  || fail "kubernetes: cannot download k8s.io/kubernetes@v$version from the Go module proxy"
staging_version="v0.${version#1.}"
{
  echo "module tickler.local/kubernetesbuild"
  echo
  grep -m1 '^go ' "$gomod"
  echo
  echo "require k8s.io/kubernetes v$version"
  echo
  echo "replace ("
  # upstream: `k8s.io/x => ./staging/src/k8s.io/x`; ours: the published module
  sed -n '/^replace (/,/^)/p' "$gomod" \
    | sed -n "s#^[[:space:]]*\(k8s.io/[^ ]*\) => ./staging/src/.*#\t\1 => \1 $staging_version#p"
  echo ")"
} >go.mod
[ "$(grep -c "=> k8s.io/" go.mod)" -gt 20 ] || fail "kubernetes: found too few staging replaces in $gomod"

major="${version%%.*}"
minor="${version#*.}"; minor="${minor%%.*}"
build_date="$(date -u -d "@$(stat -c %Y "$gomod")" +%Y-%m-%dT%H:%M:%SZ)"
stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  stamp+=" -X $pkg.gitVersion=v$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  stamp+=" -X $pkg.gitCommit=module-proxy-v$version -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done

: >>"$log"
if [ ! -f go.sum ] || [ ! -f .resolved ]; then
  progress "kubernetes $version: resolving modules"
  for b in "${bins[@]}"; do
    retry "kubernetes: resolving $b's modules" go get "k8s.io/kubernetes/cmd/$b@v$version" >>"$log" 2>&1 \
      || fail "kubernetes: resolving $b's modules failed; see $log"
  done
  touch .resolved
fi
n=0
for b in "${bins[@]}"; do
  n=$((n + 1))
  if [ -x "$out/$b" ] && [ -f "$out/.$b.done" ]; then
    progress "kubernetes $version: [$n/${#bins[@]}] $b already built"
    continue
  fi
  progress "kubernetes $version: [$n/${#bins[@]}] go build $b"
  start=$(date +%s)
  go build -trimpath -ldflags "-s -w$stamp" -o "$out/$b.partial" "k8s.io/kubernetes/cmd/$b" >>"$log" 2>&1 \
    || fail "kubernetes: building $b failed; see $log"
  mv "$out/$b.partial" "$out/$b"
  touch "$out/.$b.done"
  progress "kubernetes $version: $b built in $(($(date +%s) - start)) s"
done
all_done || fail "kubernetes: the built kubectl does not report v$version; see $log"
progress "kubernetes $version: ready in $out"
echo "$out"
