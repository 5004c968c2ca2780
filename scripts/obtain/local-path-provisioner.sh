#!/usr/bin/env bash
# Obtain Rancher's local-path-provisioner (PersistentVolumes for the claims of
# `npm run cluster`: a directory on the node per claim), built from the Go
# module proxy. Prints the path of the binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
source "$here/gobuild.sh"

# v0.0.30: the only version the Go module proxy lists here.
version="${LOCAL_PATH_PROVISIONER_VERSION:-0.0.30}"
out="$TICKLER_CACHE/local-path-provisioner-$version"
if [ -f "$out/.local-path-provisioner.done" ] && [ -x "$out/local-path-provisioner" ]; then
  reuse "local-path-provisioner $version" "$out/local-path-provisioner"
fi
gobuild_module local-path-provisioner github.com/rancher/local-path-provisioner "$version" "$out" \
  "-X main.VERSION=v$version" "github.com/rancher/local-path-provisioner=local-path-provisioner"
progress "local-path-provisioner $version: ready in $out"
echo "$out/local-path-provisioner"
