#!/usr/bin/env bash
# Obtain Traefik v3 (the ingress controller of `npm run cluster`: it serves
# Kubernetes Ingress and the Gateway API from one static binary), built from
# the Go module proxy. Prints the path of the traefik binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"
source "$here/gobuild.sh"

# 3.6.12: the Go module proxy here refuses modules that 3.7.x needs (lego v5's
# DNS providers: huaweicloud, ucloud, oci-go-sdk, sacloud, yandex, akamai, and
# the containous/go-http-auth fork); 3.6.12's whole graph is served.
version="${TRAEFIK_VERSION:-3.6.12}"
out="$TICKLER_CACHE/traefik-$version"
# Output captured first: `| grep -q` under pipefail fails when grep stops early.
reports_version() { [ -x "$1" ] && [[ "$("$1" version 2>/dev/null)" == *"Version:"*" $version"* ]]; }
if [ -f "$out/.traefik.done" ] && reports_version "$out/traefik"; then reuse "traefik $version" "$out/traefik"; fi
rm -f "$out/.traefik.done"
gobuild_module traefik github.com/traefik/traefik/v3 "$version" "$out" \
  "-X github.com/traefik/traefik/v3/pkg/version.Version=$version" \
  "github.com/traefik/traefik/v3/cmd/traefik=traefik"
reports_version "$out/traefik" || fail "traefik: the built binary does not report version $version"
progress "traefik $version: ready in $out"
echo "$out/traefik"
