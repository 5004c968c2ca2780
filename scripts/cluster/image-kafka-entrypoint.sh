#!/bin/bash
# Entrypoint of the Kafka image (scripts/cluster/images.sh) for the KRaft pods
# of charts/tickler (kafka.mode=pods): one StatefulSet pod is one Kafka node.
# The shared settings come from a properties file (the chart's ConfigMap); this
# adds what differs per pod, formats the storage on the first start, then
# becomes the broker (exec: java is PID 1 and gets SIGTERM for a controlled
# shutdown). Only bash builtins: the image has no coreutils.
#
#   KAFKA_CLUSTER_ID      the cluster id every node is formatted with (required)
#   KAFKA_PROCESS_ROLES   "broker,controller" (default) or "controller"
#   KAFKA_NODE_ID_BASE    node.id = this + the pod's ordinal (the hostname's
#                         last "-" part); default 0
#   KAFKA_ADVERTISED_HOST the name clients reach this pod by (default: hostname)
#   KAFKA_CONFIG          shared properties (default /etc/kafka/server.properties)
#   KAFKA_LOG4J           log4j2 configuration (default /etc/kafka/log4j2.properties)
#   KAFKA_HEAP_OPTS       JVM heap (default -Xms512m -Xmx512m)
set -euo pipefail
: "${KAFKA_CLUSTER_ID:?KAFKA_CLUSTER_ID is required}"
roles="${KAFKA_PROCESS_ROLES:-broker,controller}"
config="${KAFKA_CONFIG:-/etc/kafka/server.properties}"
log4j="${KAFKA_LOG4J:-/etc/kafka/log4j2.properties}"
ordinal="${HOSTNAME##*-}"
[[ "$ordinal" =~ ^[0-9]+$ ]] || { echo "kafka: hostname $HOSTNAME does not end in -<ordinal>" >&2; exit 1; }
node_id=$((${KAFKA_NODE_ID_BASE:-0} + ordinal))
host="${KAFKA_ADVERTISED_HOST:-$HOSTNAME}"

log_dirs=""
while IFS='=' read -r key value; do
  [[ "$key" == log.dirs ]] && log_dirs="$value"
done <"$config"
[[ -n "$log_dirs" ]] || { echo "kafka: $config sets no log.dirs" >&2; exit 1; }

# The root filesystem is read-only: the per-pod file goes to /tmp (an emptyDir).
props=/tmp/kafka-server.properties
{
  cat_config() { while IFS= read -r line || [[ -n "$line" ]]; do printf '%s\n' "$line"; done <"$config"; }
  cat_config
  printf 'node.id=%s\nprocess.roles=%s\n' "$node_id" "$roles"
  if [[ "$roles" == *broker* ]]; then
    printf 'listeners=PLAINTEXT://:9092,CONTROLLER://:9093\nadvertised.listeners=PLAINTEXT://%s:9092\n' "$host"
  else
    printf 'listeners=CONTROLLER://:9093\n'
  fi
} >"$props"

jvm=(-XX:-UsePerfData -Djava.awt.headless=true "-Dlog4j2.configurationFile=$log4j" -cp '/opt/kafka/libs/*')
if [[ ! -f "${log_dirs%%,*}/meta.properties" ]]; then
  echo "kafka: node $node_id ($roles): formatting ${log_dirs} for cluster $KAFKA_CLUSTER_ID (first start)"
  java -Xmx128m "${jvm[@]}" kafka.tools.StorageTool format --ignore-formatted -t "$KAFKA_CLUSTER_ID" -c "$props"
fi
echo "kafka: node $node_id ($roles) starting, advertised as $host"
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
exec java ${KAFKA_HEAP_OPTS:--Xms512m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "${jvm[@]}" kafka.Kafka "$props"
