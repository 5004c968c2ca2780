#!/usr/bin/env bash
# Obtain CoreDNS (the cluster DNS of `npm run cluster`), built from the Go
# module proxy with upstream's default plugin set.
# Prints the path of the coredns binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
source "$here/gobuild.sh"

version="${COREDNS_VERSION:-1.14.7}"
out="$TICKLER_CACHE/coredns-$version"
# Output captured first: `| grep -q` under pipefail fails when grep stops early.
reports_version() { [ -x "$1" ] && [[ "$("$1" -version 2>/dev/null)" == *"CoreDNS-$version"* ]]; }
if [ -f "$out/.coredns.done" ] && reports_version "$out/coredns"; then reuse "coredns $version" "$out/coredns"; fi
rm -f "$out/.coredns.done"
gobuild_module coredns github.com/coredns/coredns "$version" "$out" "" "github.com/coredns/coredns=coredns"
reports_version "$out/coredns" || fail "coredns: the built binary does not report version $version"
progress "coredns $version: ready in $out"
echo "$out/coredns"
