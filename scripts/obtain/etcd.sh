#!/usr/bin/env bash
# Obtain etcd (the Kubernetes API server's store for `npm run cluster`), built
# from the Go module proxy (go.etcd.io/etcd/server/v3 is etcd's main module).
# Prints the path of the etcd binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
source "$here/gobuild.sh"

# 3.6: the etcd minor Kubernetes 1.34 is released with.
version="${ETCD_VERSION:-3.6.17}"
out="$TICKLER_CACHE/etcd-$version"
# Output captured first: `| grep -q` under pipefail fails when grep stops early.
reports_version() { [ -x "$1" ] && [[ "$("$1" --version 2>/dev/null)" == *"etcd Version: $version"* ]]; }
if [ -f "$out/.etcd.done" ] && reports_version "$out/etcd"; then reuse "etcd $version" "$out/etcd"; fi
rm -f "$out/.etcd.done"
gobuild_module etcd go.etcd.io/etcd/server/v3 "$version" "$out" "" "go.etcd.io/etcd/server/v3=etcd"
reports_version "$out/etcd" || fail "etcd: the built binary does not report version $version"
progress "etcd $version: ready in $out"
echo "$out/etcd"
