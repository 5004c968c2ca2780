#!/usr/bin/env bash
# Obtain promrules (scripts/chart/promrules): Prometheus's own rule-file
# loader (model/rulefmt of github.com/prometheus/prometheus, pinned in its
# go.mod and go.sum) as a small command, built from the Go module proxy. The
# chart checks run the PrometheusRule's groups through it, so every alert
# expression is parsed by the PromQL parser Prometheus uses (promtool itself
# would pull in every service discovery SDK: a much longer build).
# Cached per source hash in ~/.cache/tickler/promrules-<hash> (~1 min to build
# the first time). Prints the path of the binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

src="$here/../chart/promrules"
hash="$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-12)"
out="$TICKLER_CACHE/promrules-$hash"
if [ -f "$out/.done" ] && [ -x "$out/promrules" ]; then reuse "promrules" "$out/promrules"; fi

need go
mkdir -p "$out" "$TICKLER_CACHE/build"
rm -f "$out/.done"
log="$TICKLER_CACHE/build/promrules-$hash.log"
progress "promrules: building Prometheus's rule loader from the Go module proxy (first time only, ~1 min); log: $log"
(cd "$src" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/promrules.partial" .) >"$log" 2>&1 \
  || fail "promrules: building failed; see $log"
mv "$out/promrules.partial" "$out/promrules"
touch "$out/.done"
progress "promrules: ready in $out"
echo "$out/promrules"
