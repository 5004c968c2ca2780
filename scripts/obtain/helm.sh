#!/usr/bin/env bash
# Obtain helm (v3) at a pinned version, built from the Go module proxy.
#
# Order of preference: our own cache (a finished build carries a done-stamp),
# then a build. A helm on PATH is not used: `helm template` output depends on
# the helm version, and the chart checks must render the same bytes on every
# machine and in CI.
# Prints the path of the helm binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

# v3.22.0: the newest helm v3 release the Go module proxy serves here, and its
# go.mod has no replace directives, so `go build` of the module works as is.
version="${HELM_VERSION:-3.22.0}"
out="$TICKLER_CACHE/helm-$version"

reports_version() { # binary → 0 if it runs and says it is our version
  [ -x "$1" ] && "$1" version --template '{{.Version}}' 2>/dev/null | grep -qx "v$version"
}

if [ -f "$out/.done" ] && reports_version "$out/helm"; then reuse "helm $version" "$out/helm"; fi

need go
build="$TICKLER_CACHE/build/helm-$version"
log="$build/build.log"
mkdir -p "$build" "$out"
rm -f "$out/.done"
progress "helm $version: building from the Go module proxy (first time only, ~2-5 min on 2 cores)"
progress "helm $version: build log: $log"
# A wrapper module pins the version (go.sum is resolved once, here), the same
# way the dapr build does, so nothing depends on a go.mod of ours.
cd "$build"
export GOFLAGS=-mod=mod CGO_ENABLED=0
printf 'module tickler.local/helmbuild\n\ngo 1.26\n\nrequire helm.sh/helm/v3 v%s\n' "$version" >go.mod
: >"$log"
progress "helm $version: resolving modules"
retry "helm: resolving modules" go get "helm.sh/helm/v3/cmd/helm@v$version" >>"$log" 2>&1 \
  || fail "helm: resolving helm.sh/helm/v3@v$version failed; see $log"
progress "helm $version: go build (the binary reports v$version through -ldflags)"
go build -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=v$version" \
  -o "$out/helm.partial" helm.sh/helm/v3/cmd/helm >>"$log" 2>&1 \
  || fail "helm: building failed; see $log"
mv "$out/helm.partial" "$out/helm"
reports_version "$out/helm" || fail "helm: the built binary does not report v$version; see $log"
touch "$out/.done"
progress "helm $version: ready in $out"
echo "$out/helm"
