#!/usr/bin/env bash
# Obtain daprd, placement and scheduler at the pinned Dapr version; with
# --control-plane also operator, injector (the sidecar injector) and sentry,
# the rest of Dapr's Kubernetes control plane (scripts/cluster/images.sh).
#
# Order of preference: an existing install whose version matches (PATH, then
# ~/.dapr/bin), then our own cache, then a build from the Go module proxy.
# Upstream's go.mod carries replace directives, so `go install pkg@version` is
# refused; we generate a tiny wrapper module that requires dapr and repeats
# those replace blocks (read from the downloaded go.mod, never hand-copied).
# Prints the directory that holds the three binaries on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

# 1.18.1: the newest 1.18 patch whose whole dependency graph the Go module
# proxy serves here (1.18.2/1.18.3 need durabletask-go and pulsar fork
# versions it refuses).
version="${DAPR_VERSION:-1.18.1}"
out="$TICKLER_CACHE/dapr-$version"
bins=(daprd placement scheduler)
if [ "${1:-}" = --control-plane ]; then
  bins+=(operator injector sentry)
elif [ -n "${1:-}" ]; then
  fail "dapr: unknown argument '$1' (only --control-plane)"
fi

# Only daprd reports its version (placement and scheduler have no --version);
# the control plane is taken from the same directory as a matching daprd.
matches() { # dir → 0 if it holds every binary asked for and daprd is our version
  local dir="$1" b
  for b in "${bins[@]}"; do
    [ -x "$dir/$b" ] || return 1
  done
  "$dir/daprd" --version 2>/dev/null | grep -qx "$version"
}

for candidate in "$(dirname "$(command -v daprd 2>/dev/null || echo /nonexistent/x)")" "$HOME/.dapr/bin" "$out"; do
  if matches "$candidate"; then
    progress "dapr $version: using $candidate"
    echo "$candidate"
    exit 0
  fi
done

need go
build="$TICKLER_CACHE/build/dapr-$version"
mkdir -p "$build" "$out"
progress "dapr $version: not installed; building ${bins[*]} from the Go module proxy (first time only, ~10-25 min on 2 cores)"
progress "dapr $version: build log: $build/build.log"
cd "$build"
export GOFLAGS=-mod=mod CGO_ENABLED=0
log="$build/build.log"
gomod="$(go mod download -json "github.com/dapr/dapr@v$version" | jq -r .GoMod)" \
  || fail "dapr: cannot download github.com/dapr/dapr@v$version from the Go module proxy"
{
  echo "module tickler.local/daprbuild"
  echo
  grep -m1 '^go ' "$gomod"
  echo
  echo "require github.com/dapr/dapr v$version"
  echo
  # every `replace (...)` block of upstream, verbatim
  sed -n '/^replace (/,/^)/p' "$gomod"
  # single-line replace directives, if any
  grep -E '^replace [^(]' "$gomod" || true
  echo
  # Ours: modules the Go module proxy here refuses at the version upstream
  # pins, moved to the nearest patch release it serves.
  echo "replace github.com/diagridio/go-etcd-cron v0.12.5 => github.com/diagridio/go-etcd-cron v0.12.6"
} > go.mod
ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$version"
for b in "${bins[@]}"; do
  if [ -x "$out/$b" ] && [ -f "$out/.$b.done" ]; then
    progress "dapr $version: $b already built"
    continue
  fi
  tags=""
  [ "$b" = daprd ] && tags="stablecomponents"
  progress "dapr $version: go build $b ${tags:+(-tags $tags)}"
  go get -tags "$tags" "github.com/dapr/dapr/cmd/$b@v$version" >>"$log" 2>&1 \
    || fail "dapr: resolving $b's modules failed; see $log"
  go build -tags "$tags" -trimpath -ldflags "$ldflags" -o "$out/$b.partial" "github.com/dapr/dapr/cmd/$b" >>"$log" 2>&1 \
    || fail "dapr: building $b failed; see $log"
  mv "$out/$b.partial" "$out/$b"
  touch "$out/.$b.done"
done
matches "$out" || fail "dapr build produced binaries that do not report version $version"
progress "dapr $version: ready in $out"
echo "$out"
