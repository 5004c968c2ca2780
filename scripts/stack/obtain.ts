/** Runs the scripts/obtain/*.sh helpers: progress to our stderr, path from their stdout. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { StackError } from "./processes.js";

export interface Tools {
  daprBin: string;
  kafkaLibs: string | null;
  redisServer: string | null;
  /** secantusd-rs, the local read store (MongoDB wire protocol). */
  readStore: string | null;
}

export function obtain(root: string, name: string): string {
  const script = path.join(root, "scripts", "obtain", `${name}.sh`);
  const result = spawnSync("bash", [script], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (result.status !== 0) throw new StackError(`obtaining ${name} failed (${script} exited ${result.status})`);
  const last = result.stdout.trim().split("\n").pop();
  if (!last) throw new StackError(`obtaining ${name} printed no path`);
  return last;
}

/** External services given by the environment are used as they are; the rest are obtained. */
export function obtainTools(root: string, external: { redis: boolean; mongo: boolean; kafka: boolean }): Tools {
  return {
    daprBin: obtain(root, "dapr"),
    kafkaLibs: external.kafka ? null : obtain(root, "kafka"),
    redisServer: external.redis ? null : obtain(root, "redis"),
    readStore: external.mongo ? null : obtain(root, "secantus"),
  };
}
