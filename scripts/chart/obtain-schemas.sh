#!/usr/bin/env bash
# Obtain the schemas the chart checks validate rendered manifests against,
# each from a pinned published artifact (never from the web at test time):
#
#   kubernetes/  OpenAPI v3 documents of the Kubernetes API (the ones the API
#                server serves for field validation), from the Go module
#                k8s.io/kubernetes (api/openapi-spec/v3).
#   dapr/        Dapr's CRDs (Component, Configuration, Resiliency,
#                Subscription, ...), from the Go module github.com/dapr/dapr
#                (charts/dapr/crds) at the runtime version the stack uses.
#   dapr-annotations.go  the sidecar injector's annotation keys, same module.
#   components-contrib/  component metadata.yaml files, from the
#                github.com/dapr/components-contrib version that dapr's
#                go.mod requires.
#   strimzi/     Strimzi's CRDs. Strimzi publishes no artifact holding the CRD
#                YAML; its release build generates them from the io.strimzi:api
#                classes with io.strimzi:crd-generator. We run that same
#                generator on the same published jars from Maven Central.
#   prometheus-operator/  the PrometheusRule and PodMonitor CRDs (the chart's
#                optional monitoring), from the Go module
#                github.com/prometheus-operator/prometheus-operator
#                (example/prometheus-operator-crd).
#
# Prints the directory holding them on its last line. Cached in
# ~/.cache/tickler/chart-schemas-<versions>, with a done-stamp.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../obtain/common.sh"

# v1.34.4: the oldest Kubernetes minor the chart supports (Chart.yaml
# kubeVersion); a field newer than that fails validation.
k8s_version="${K8S_SCHEMA_VERSION:-1.34.4}"
# The Dapr runtime version of scripts/obtain/dapr.sh.
dapr_version="${DAPR_VERSION:-1.18.1}"
strimzi_version="$(sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' "$here/strimzi/pom.xml")"
# The newest Prometheus operator release the Go module proxy serves here.
promop_version="${PROMETHEUS_OPERATOR_VERSION:-0.85.0}"
# Bump the revision when the set of schemas changes (r2: Strimzi's KafkaUser),
# so a cache made by an older checkout is not taken for complete.
schema_set=r2
out="$TICKLER_CACHE/chart-schemas-$schema_set-k8s$k8s_version-dapr$dapr_version-strimzi$strimzi_version-promop$promop_version"

if [ -f "$out/.done" ]; then reuse "chart schemas" "$out"; fi

need go
need jq
mkdir -p "$out"
rm -f "$out/.done"
work="$TICKLER_CACHE/build/chart-schemas"
mkdir -p "$work"

# `go mod download` outside any module only fetches and unpacks the module
# zip into the module cache; nothing is built.
download() { # module@version → its directory in the module cache
  local dir
  dir="$(cd "$work" && GOFLAGS= go mod download -json "$1" | jq -r '.Dir // empty')" || true
  [ -n "$dir" ] && [ -d "$dir" ] || fail "chart schemas: cannot download $1 from the Go module proxy"
  echo "$dir"
}

progress "chart schemas: Kubernetes $k8s_version OpenAPI v3 (Go module k8s.io/kubernetes, ~18 MB once)"
k8s_dir="$(download "k8s.io/kubernetes@v$k8s_version")"
rm -rf "$out/kubernetes" && mkdir -p "$out/kubernetes"
cp "$k8s_dir"/api/openapi-spec/v3/*.json "$out/kubernetes/"

progress "chart schemas: Dapr $dapr_version CRDs and injector annotations (Go module github.com/dapr/dapr)"
dapr_dir="$(download "github.com/dapr/dapr@v$dapr_version")"
rm -rf "$out/dapr" && mkdir -p "$out/dapr"
cp "$dapr_dir"/charts/dapr/crds/*.yaml "$out/dapr/"
cp "$dapr_dir/pkg/injector/annotations/annotations.go" "$out/dapr-annotations.go"

contrib_version="$(awk '$1 == "github.com/dapr/components-contrib" { print $2; exit }' "$dapr_dir/go.mod")"
[ -n "$contrib_version" ] || fail "chart schemas: dapr's go.mod names no components-contrib version"
progress "chart schemas: component metadata (Go module github.com/dapr/components-contrib@$contrib_version)"
contrib_dir="$(download "github.com/dapr/components-contrib@$contrib_version")"
rm -rf "$out/components-contrib" && mkdir -p "$out/components-contrib"
(cd "$contrib_dir" && find . -name metadata.yaml -print0 | xargs -0 -I{} cp --parents {} "$out/components-contrib/")
chmod -R u+w "$out/components-contrib"

progress "chart schemas: Prometheus operator $promop_version CRDs (Go module github.com/prometheus-operator/prometheus-operator)"
promop_dir="$(download "github.com/prometheus-operator/prometheus-operator@v$promop_version")"
rm -rf "$out/prometheus-operator" && mkdir -p "$out/prometheus-operator"
for kind in prometheusrules podmonitors; do
  cp "$promop_dir/example/prometheus-operator-crd/monitoring.coreos.com_$kind.yaml" "$out/prometheus-operator/"
done
chmod -R u+w "$out/prometheus-operator"

# Strimzi's classes are compiled for Java 21 (class file version 65).
find_java21() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major="$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [ "${major:-0}" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
need mvn
java21="$(find_java21)" || fail "chart schemas: Strimzi's CRD generator needs Java 21 or newer (set JAVA_HOME)"
progress "chart schemas: Strimzi $strimzi_version CRDs (io.strimzi:api + io.strimzi:crd-generator from Maven Central, run with $java21)"
libs="$work/strimzi-$strimzi_version-libs"
mvn -q -B -f "$here/strimzi/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$libs" -DincludeScope=runtime >"$work/strimzi-mvn.log" 2>&1 \
  || fail "chart schemas: maven could not resolve the Strimzi jars; see $work/strimzi-mvn.log"
rm -rf "$out/strimzi" && mkdir -p "$out/strimzi"
# The arguments of Strimzi's own build (api/pom.xml, generate-crd-co-install-v1)
# for the four kinds the chart renders.
"$java21" -cp "$libs/*" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --label strimzi.io/crd-install:true \
  --target-kube 1.16+ --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
  "io.strimzi.api.kafka.model.kafka.Kafka=$out/strimzi/040-Crd-kafka.yaml" \
  "io.strimzi.api.kafka.model.topic.KafkaTopic=$out/strimzi/043-Crd-kafkatopic.yaml" \
  "io.strimzi.api.kafka.model.user.KafkaUser=$out/strimzi/044-Crd-kafkauser.yaml" \
  "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$out/strimzi/045-Crd-kafkanodepool.yaml" \
  >"$work/strimzi-crdgen.log" 2>&1 \
  || fail "chart schemas: Strimzi's CRD generator failed; see $work/strimzi-crdgen.log"

touch "$out/.done"
progress "chart schemas: ready in $out"
echo "$out"
