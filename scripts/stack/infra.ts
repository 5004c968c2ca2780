/** Redis, the read store (secantusd-rs) and Kafka: the stores and the broker, started from obtained binaries. */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { deadLetterTopic, STREAM_HEARTBEAT_TOPIC, TOPICS as APP_TOPICS } from "../../src/events/topics.js";
import { redisPing } from "../../src/infra/probes.js";
import type { Profile } from "./profile.js";
import { launch, portOpen, StackError, waitFor, log, logFile } from "./processes.js";

/** The topics the code publishes to (one source of truth), and their dead-letter topics. */
export const TOPICS: string[] = Object.values(APP_TOPICS);
export const DEAD_LETTER_TOPICS = Object.values(APP_TOPICS).map(deadLetterTopic);

export async function startRedis(p: Profile, redisServer: string): Promise<void> {
  const dir = path.join(p.stateDir, "redis");
  fs.mkdirSync(dir, { recursive: true });
  // appendfsync always: actor state and its outbox are acknowledged only once
  // they are on disk, so a crash of Redis loses no accepted change.
  launch(p.stateDir, {
    name: "redis",
    command: redisServer,
    args: [
      "--port", String(p.redis), "--bind", "127.0.0.1", "--dir", dir,
      "--appendonly", "yes", "--appendfsync", "always", "--save", "",
      "--daemonize", "no", "--protected-mode", "yes",
    ],
  });
  await waitFor(p.stateDir, "redis", "answering PING", () => redisPing("127.0.0.1", p.redis), 20_000);
}

/**
 * The read store: secantusd-rs, a MongoDB wire-protocol server over
 * WiredTiger. `--sync-on-commit` fsyncs its log on every commit, like Redis's
 * `appendfsync always`: the audit log and the notification inbox are not
 * derived data, so what the store acknowledged must survive a crash. An empty
 * config file turns off the discovery of a user's own secantusd.toml.
 */
export async function startReadStore(p: Profile, secantusd: string): Promise<void> {
  const dir = path.join(p.stateDir, "readstore");
  fs.mkdirSync(path.join(dir, "data"), { recursive: true });
  const config = path.join(dir, "secantusd.toml");
  if (!fs.existsSync(config)) fs.writeFileSync(config, "# settings are passed as flags by scripts/stack/infra.ts\n");
  launch(p.stateDir, {
    name: "readstore",
    command: secantusd,
    args: [
      "--config", config,
      "--host", "127.0.0.1",
      "--port", String(p.mongo),
      "--storage-path", path.join(dir, "data"),
      "--log-level", "WARNING",
      "--cache-size", "512M",
      // A log file is allocated in full: small files keep an empty store small.
      "--log-file-max", "32MB",
      "--sync-on-commit",
    ],
  });
  await waitFor(p.stateDir, "readstore", "listening", () => portOpen(p.mongo), 30_000);
}

function java(libs: string, mainClass: string, args: string[], extraJvm: string[] = []) {
  return { command: "java", args: [...extraJvm, "-cp", `${libs}/*`, mainClass, ...args] };
}

export async function startKafka(p: Profile, libs: string): Promise<void> {
  const dir = path.join(p.stateDir, "kafka");
  const data = path.join(dir, "data");
  fs.mkdirSync(data, { recursive: true });
  const props = path.join(dir, "server.properties");
  fs.writeFileSync(props, serverProperties(p, data));
  const log4j = path.join(dir, "log4j2.properties");
  fs.writeFileSync(
    log4j,
    [
      "rootLogger.level = WARN",
      "rootLogger.appenderRef.stdout.ref = STDOUT",
      "appender.stdout.type = Console",
      "appender.stdout.name = STDOUT",
      "appender.stdout.layout.type = PatternLayout",
      "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
      "logger.kafka.name = kafka.server.KafkaServer",
      "logger.kafka.level = INFO",
    ].join("\n") + "\n",
  );
  const jvm = [`-Dlog4j2.configurationFile=${log4j}`, "-Djava.awt.headless=true"];
  if (!fs.existsSync(path.join(data, "meta.properties"))) {
    log("kafka: formatting KRaft storage (first start)");
    const fmt = java(libs, "kafka.tools.StorageTool", ["format", "-t", kafkaClusterId(), "-c", props], jvm);
    // Not spawnSync: this JVM takes tens of seconds on a loaded machine, and a
    // blocked event loop runs out the Redis and read-store start deadlines beside it.
    const res = await new Promise<{ ok: boolean; output: string }>((resolve) => {
      execFile(fmt.command, fmt.args, { encoding: "utf8" }, (err, stdout, stderr) => resolve({ ok: !err, output: `${stdout}${stderr}` }));
    });
    if (!res.ok) throw new StackError(`kafka: formatting storage failed:\n${res.output}`);
  }
  const run = java(libs, "kafka.Kafka", [props], ["-Xms256m", "-Xmx768m", "-XX:+UseG1GC", ...jvm]);
  launch(p.stateDir, { name: "kafka", ...run });
  await waitFor(p.stateDir, "kafka", "accepting connections", () => portOpen(p.kafka), 60_000);
}

/**
 * Topics are created up front rather than on first use: a consumer group that
 * joins before its topic exists may not see the partitions until its next
 * metadata refresh (minutes), and then events sit unconsumed.
 */
export async function createTopics(p: Profile, libs: string, brokers: string): Promise<void> {
  const all = [...TOPICS, ...DEAD_LETTER_TOPICS, STREAM_HEARTBEAT_TOPIC];
  // A local broker keeps one folder per partition: skip what already exists.
  const data = path.join(p.stateDir, "kafka", "data");
  const topics = all.filter((topic) => !fs.existsSync(path.join(data, `${topic}-0`)));
  if (topics.length === 0) return;
  const results = await Promise.all(
    topics.map((topic) => {
      const cmd = java(libs, "org.apache.kafka.tools.TopicCommand", [
        "--bootstrap-server", brokers, "--create", "--if-not-exists", "--topic", topic,
        "--partitions", "3", "--replication-factor", "1",
      ], ["-Xmx128m", "-XX:TieredStopAtLevel=1"]);
      // in parallel: each is a short-lived JVM
      return new Promise<{ topic: string; ok: boolean; out: string }>((resolve) => {
        execFile(cmd.command, cmd.args, { timeout: 90_000 }, (err, stdout, stderr) =>
          resolve({ topic, ok: !err, out: `${stdout}${stderr}` }),
        );
      });
    }),
  );
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    throw new StackError(
      `kafka: creating topics failed (${failed.map((f) => f.topic).join(", ")}). ` +
        `Broker log: ${logFile(p.stateDir, "kafka")}\n${failed[0]?.out ?? ""}`,
    );
  }
}

function serverProperties(p: Profile, data: string): string {
  return [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@127.0.0.1:${p.kafkaController}`,
    `listeners=PLAINTEXT://127.0.0.1:${p.kafka},CONTROLLER://127.0.0.1:${p.kafkaController}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${p.kafka}`,
    "controller.listener.names=CONTROLLER",
    "inter.broker.listener.name=PLAINTEXT",
    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    `log.dirs=${data}`,
    "num.partitions=3",
    "offsets.topic.replication.factor=1",
    "offsets.topic.num.partitions=10",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "share.coordinator.state.topic.replication.factor=1",
    "share.coordinator.state.topic.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "auto.create.topics.enable=true",
    // one broker: an acknowledged write is on this broker's log; flush policy
    // stays Kafka's default (page cache + replication would be the guard in a cluster)
    "min.insync.replicas=1",
    "",
  ].join("\n");
}

/**
 * Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
 * One that starts with "-" reads as an option to the storage tool (and Kafka's
 * own generator avoids it too), so draw again in that case.
 */
export function kafkaClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ""), "hex").toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}
