#!/usr/bin/env bash
# Runs the images scripts/cluster/images.sh built, with podman, the way the
# cluster runs them (read-only root, their non-root users), on an --internal
# podman network (nothing leaves the machine), and checks each does its job:
#   pause     exits at once on SIGTERM
#   redis     answers PING and keeps a key, as uid 999
#   secantus  the read store answers a MongoDB ping and stores a document
#   kafka     three KRaft nodes with the chart's own configuration (helm
#             template, kafka.mode=pods) form a quorum; the chart's topics
#             script creates every topic with replication factor 2, both
#             replicas in sync
#   tickler   starts as 65532 on a read-only root with the stores above, and
#             answers /healthz; /readyz says what is missing (its sidecar)
#   dapr-*    each binary runs from /<binary>; daprd reports 1.18.1
# Usage: scripts/cluster/image-check.sh [--only NAME[,NAME...]]   (names as images.sh)
# Everything it starts is removed when it ends, whatever the outcome.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
TICKLER_CACHE="${TICKLER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tickler}"
out="$TICKLER_CACHE/images"
progress() { printf '[image-check] %s\n' "$*" >&2; }
fail() { printf '[image-check] FAILED: %s\n' "$*" >&2; exit 1; }

only=""
[ "${1:-}" = --only ] && only=",${2:?--only needs names},"
wants() { [ -z "$only" ] || [[ "$only" == *",$1,"* ]] || { [[ "$1" == dapr-* ]] && [[ "$only" == *",dapr,"* ]]; }; }

runc_bin="$(command -v runc || echo /usr/sbin/runc)"
podman_() {
  podman --root "$out/storage" --runroot /run/tickler-images --runtime "$runc_bin" \
    --cgroup-manager cgroupfs --events-backend file --storage-driver overlay "$@"
}
# runc cannot raise a limit above the hard limits podman itself runs with.
limits=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=32768:32768)
ref() { sed -n "s/^$1 \([^ ]*\) .*/\1/p" "$out/check-refs.txt"; }

net="tickler-imgcheck-$$"
work="$(mktemp -d)"
containers=()
cleanup() {
  local c
  for c in "${containers[@]}"; do podman_ rm -f -t 2 "$c" >/dev/null 2>&1 || true; done
  podman_ network rm -f "$net" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# The image refs, without building anything new: images.sh is up to date or builds.
bash "$here/images.sh" ${only:+--only "${only:1:-1}"} >"$out/check-refs.txt"
podman_ network create --internal "$net" >/dev/null 2>&1 || fail "podman network create $net failed"
run() { # name [podman run options...] image [args...]: a detached container on the check network
  local name="$1"
  shift
  containers+=("$name")
  podman_ run -d --name "$name" --network "$net" "${limits[@]}" "$@" >/dev/null
}
once() { podman_ run --rm --network "$net" "${limits[@]}" "$@"; }
wait_for() { # seconds command...: poll until the command succeeds; 1 when the time is up
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 2
  done
}

if wants pause; then
  run pause-$$ "$(ref pause)"
  t=$(date +%s%N)
  podman_ stop -t 10 pause-$$ >/dev/null
  ms=$((($(date +%s%N) - t) / 1000000))
  podman_ logs pause-$$ 2>&1 | grep -q "signal 15" || fail "pause: did not log SIGTERM"
  ((ms < 3000)) || fail "pause: took $ms ms to stop"
  progress "pause: stopped on SIGTERM in $ms ms"
fi

if wants redis; then
  mkdir -p "$work/redis"
  run redis-$$ --read-only --user 999:999 -v "$work/redis:/data:U" --network-alias redis "$(ref redis)" \
    redis-server --appendonly yes --dir /data --protected-mode no
  wait_for 30 podman_ exec redis-$$ redis-cli ping || fail "redis: no PONG within 30 s"
  [ "$(podman_ exec redis-$$ redis-cli set image-check ok)" = OK ] || fail "redis: SET"
  [ "$(podman_ exec redis-$$ redis-cli get image-check)" = ok ] || fail "redis: GET"
  progress "redis: PONG and a key kept, read-only root, user $(podman_ inspect redis-$$ --format '{{.Config.User}}')"
fi

if wants secantus; then
  mkdir -p "$work/readstore"
  run readstore-$$ --read-only -v "$work/readstore:/data:U" --network-alias readstore "$(ref secantus)" \
    --host 0.0.0.0 --port 27017 --storage-path /data --log-level WARNING --cache-size 256M --log-file-max 32MB
  if wants tickler; then
    wait_for 60 once --entrypoint /nodejs/bin/node -w /app "$(ref tickler)" -e "
      const { MongoClient } = require('mongodb');
      const c = new MongoClient('mongodb://readstore:27017/check?directConnection=true', { serverSelectionTimeoutMS: 3000 });
      c.connect().then(() => c.db('check').collection('c').insertOne({ ok: 1 })).then(() => c.db('check').collection('c').countDocuments())
        .then((n) => { console.log(n); return c.close(); }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });" \
      || { podman_ logs --tail 30 readstore-$$ >&2; fail "secantus: no MongoDB answer within 60 s"; }
    progress "secantus: answered a MongoDB client and stored a document (read-only root, uid 65532)"
  fi
fi

if wants kafka; then
  helm_bin="$(bash "$repo/scripts/obtain/helm.sh" | tail -n1)"
  # The chart's own configuration, rendered for release "tickler" in namespace "tickler".
  "$helm_bin" template tickler "$repo/charts/tickler" --namespace tickler --kube-version 1.34.4 \
    --set kafka.mode=pods --show-only templates/kafka-pods.yaml >"$work/kafka.yaml"
  mkdir -p "$work/kafka-config"
  node_bin="$(bash "$repo/scripts/obtain/node.sh" | tail -n1)"
  (cd "$repo" && "$node_bin" -e '
    const fs = require("fs"); const { parseAllDocuments } = require("yaml");
    const docs = parseAllDocuments(fs.readFileSync(process.argv[1], "utf8")).map((d) => d.toJSON()).filter(Boolean);
    const cm = docs.find((d) => d.kind === "ConfigMap");
    for (const [k, v] of Object.entries(cm.data)) fs.writeFileSync(process.argv[2] + "/" + k, v);
    const sts = docs.find((d) => d.kind === "StatefulSet" && d.metadata.name === "tickler-kafka");
    const id = sts.spec.template.spec.containers[0].env.find((e) => e.name === "KAFKA_CLUSTER_ID").value;
    fs.writeFileSync(process.argv[2] + "/cluster-id", id);' "$work/kafka.yaml" "$work/kafka-config")
  cluster_id="$(cat "$work/kafka-config/cluster-id")"
  domain=tickler-kafka-nodes.tickler.svc
  for node in tickler-kafka-0:broker,controller:0 tickler-kafka-1:broker,controller:0 tickler-kafka-controller-0:controller:100; do
    IFS=: read -r host roles base <<<"$node"
    mkdir -p "$work/$host"
    heap="-Xms256m -Xmx256m"
    [ "$roles" = controller ] && heap="-Xms128m -Xmx128m"
    run "$host-$$" --read-only --hostname "$host" --network-alias "$host.$domain" --network-alias "$host" \
      -v "$work/$host:/var/lib/kafka:U" -v "$work/kafka-config:/etc/kafka:ro" --tmpfs /tmp:rw,size=64m \
      -e KAFKA_CLUSTER_ID="$cluster_id" -e KAFKA_PROCESS_ROLES="$roles" -e KAFKA_NODE_ID_BASE="$base" \
      -e KAFKA_ADVERTISED_HOST="$host.$domain" -e KAFKA_HEAP_OPTS="$heap" "$(ref kafka)"
  done
  progress "kafka: 3 nodes started (2 brokers, 1 controller); creating the chart's topics"
  t=$SECONDS
  containers+=(kafka-topics-$$)
  podman_ run --name kafka-topics-$$ --network "$net" "${limits[@]}" --read-only --tmpfs /tmp:rw,size=64m \
    -v "$work/kafka-config:/etc/kafka:ro" -e BOOTSTRAP="tickler-kafka-0.$domain:9092,tickler-kafka-1.$domain:9092" \
    --entrypoint /bin/bash "$(ref kafka)" /etc/kafka/create-topics.sh >"$work/topics.log" 2>&1 \
    || { cat "$work/topics.log" >&2; for h in tickler-kafka-0 tickler-kafka-1 tickler-kafka-controller-0; do podman_ logs --tail 20 "$h-$$" >&2; done; fail "kafka: the topics script failed"; }
  progress "kafka: $(grep -c 'present (replication factor 2' "$work/topics.log") topics present in $((SECONDS - t)) s"
  podman_ run --rm --network "$net" "${limits[@]}" --read-only --tmpfs /tmp:rw,size=64m --entrypoint java "$(ref kafka)" \
    -Xmx96m -XX:TieredStopAtLevel=1 -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "tickler-kafka-0.$domain:9092" --describe >"$work/describe.log" 2>&1 || { cat "$work/describe.log" >&2; fail "kafka: describe"; }
  partitions="$(grep -c 'Partition: ' "$work/describe.log")"
  in_sync="$(grep -cE 'Replicas: [0-9]+,[0-9]+.*Isr: [0-9]+,[0-9]+' "$work/describe.log")"
  if [ "$partitions" -eq 0 ] || [ "$partitions" != "$in_sync" ]; then
    cat "$work/describe.log" >&2
    fail "kafka: $in_sync of $partitions partitions have 2 replicas in sync"
  fi
  progress "kafka: all $partitions partitions have 2 replicas, both in sync"

  # One broker down: the quorum (2 of 3 voters) moves its partitions' leadership
  # to the other broker and writes with acks=all are still accepted (min ISR 1).
  kafka_tool() { podman_ run --rm --network "$net" "${limits[@]}" --read-only --tmpfs /tmp:rw,size=64m -i --entrypoint java "$(ref kafka)" \
    -Xmx96m -XX:TieredStopAtLevel=1 -cp '/opt/kafka/libs/*' "$@"; }
  describe() { kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "tickler-kafka-0.$domain:9092" --describe >"$work/describe.log" 2>&1; }
  podman_ stop -t 30 tickler-kafka-1-$$ >/dev/null
  t=$SECONDS
  led_by_0() { describe && [ "$(grep -c 'Partition: ' "$work/describe.log")" = "$partitions" ] && ! grep 'Partition: ' "$work/describe.log" | grep -qv 'Leader: 0'; }
  wait_for 90 led_by_0 || { cat "$work/describe.log" >&2; fail "kafka: with broker 1 stopped, not every partition is led by broker 0"; }
  progress "kafka: broker 1 stopped; broker 0 leads all $partitions partitions after $((SECONDS - t)) s"
  seq_lines=""
  for i in $(seq 1 20); do seq_lines+="check-$i"$'\n'; done
  printf '%s' "$seq_lines" | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "tickler-kafka-0.$domain:9092" \
    --topic task-events --producer-property acks=all --producer-property enable.idempotence=true >"$work/produce.log" 2>&1 \
    || { cat "$work/produce.log" >&2; fail "kafka: producing with acks=all while broker 1 is down"; }
  progress "kafka: 20 records written with acks=all while broker 1 is down"
  podman_ start tickler-kafka-1-$$ >/dev/null
  t=$SECONDS
  all_in_sync() { describe && [ "$(grep -cE 'Replicas: [0-9]+,[0-9]+.*Isr: [0-9]+,[0-9]+' "$work/describe.log")" = "$partitions" ]; }
  wait_for 180 all_in_sync || { cat "$work/describe.log" >&2; fail "kafka: broker 1 back, but not every partition has 2 replicas in sync"; }
  count="$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "tickler-kafka-1.$domain:9092" \
    --topic task-events --from-beginning --timeout-ms 15000 2>/dev/null | grep -c '^check-' || true)"
  [ "$count" = 20 ] || fail "kafka: read back $count of the 20 records after broker 1 returned"
  progress "kafka: broker 1 back, all partitions in sync again after $((SECONDS - t)) s; the 20 records read back"
fi

if wants tickler; then
  secret=0123456789abcdef0123456789abcdef
  run tickler-$$ --read-only -e ROLE=api -e PORT=8080 -e DAPR_API_TOKEN="$secret" -e APP_API_TOKEN="$secret" \
    -e AUTH_JWT_SECRET="$secret" -e MONGODB_URI='mongodb://readstore:27017/tickler?directConnection=true' -e REDIS_HOST=redis:6379 \
    -e KAFKA_BROKERS="tickler-kafka-0.tickler-kafka-nodes.tickler.svc:9092" --network-alias api "$(ref tickler)"
  user="$(podman_ inspect tickler-$$ --format '{{.Config.User}} read-only={{.HostConfig.ReadonlyRootfs}}')"
  probe() { once --entrypoint /nodejs/bin/node "$(ref tickler)" -e "
    fetch('http://api:8080$1').then(async (r) => { console.log(r.status, await r.text()); process.exit(r.status === $2 ? 0 : 1); }, (e) => { console.error(e.message); process.exit(1); });"; }
  wait_for 120 probe /healthz 200 || { podman_ logs --tail 30 tickler-$$ >&2; fail "tickler: no /healthz 200 within 120 s"; }
  progress "tickler: $user, /healthz: $(probe /healthz 200 | cut -c1-300)"
  progress "tickler: /readyz: $(probe /readyz 200 | cut -c1-300 || true)"
fi

for name in dapr-daprd dapr-operator dapr-injector dapr-sentry dapr-placement dapr-scheduler; do
  wants "$name" || continue
  bin="${name#dapr-}"
  if [ "$bin" = daprd ]; then
    v="$(once --read-only --entrypoint /daprd "$(ref "$name")" --version)"
    [ "$v" = 1.18.1 ] || fail "daprd: reports '$v'"
    progress "dapr-daprd: /daprd --version: $v"
  else
    help="$(once --read-only --entrypoint "/$bin" "$(ref "$name")" --help 2>&1 || true)"
    grep -q -- "-log-level" <<<"$help" || { echo "$help" >&2; fail "$name: /$bin --help printed no flags"; }
    progress "$name: /$bin runs (uid $(podman_ image inspect "$(ref "$name")" --format '{{.Config.User}}'))"
  fi
done
progress "all checks passed"
