#!/usr/bin/env bash
# Obtain the Kafka broker jars (KRaft mode needs no ZooKeeper) from Maven
# Central into the cache. Prints the directory of jars on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
# The cache is keyed by the pom too: a changed dependency list resolves anew.
out="$TICKLER_CACHE/kafka-$version-$(sha256sum <"$here/kafka/pom.xml" | cut -c1-8)"
if [ -f "$out/.complete" ]; then reuse "kafka $version" "$out/libs"; fi
need mvn
need java
progress "kafka $version: resolving broker jars from Maven Central (first time only)"
mkdir -p "$out"
retry "kafka: resolving the broker jars" mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$out/libs" -DincludeScope=runtime >"$out/mvn.log" 2>&1 \
  || fail "kafka: maven could not resolve the broker jars; see $out/mvn.log"
touch "$out/.complete"
progress "kafka $version: $(ls "$out/libs" | wc -l) jars in $out/libs"
echo "$out/libs"
