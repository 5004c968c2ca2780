/**
 * Readiness of the api replica's live stream. The stream reads through a
 * consumer group of its own that starts at the newest offset, so until Kafka
 * has assigned it the topics, changes go by unseen. The replica therefore
 * publishes heartbeats (through the stream pub/sub) until one of its own comes
 * back through that same consumer group, and /readyz says "not ready" until
 * then: a load balancer sends no stream client to a replica that would miss
 * events. The heartbeat subscription is declared last, so the consumer group
 * session that delivers it is the one holding every stream topic.
 *
 * A sidecar that restarts starts a new consumer group (a new {uuid}), so when
 * the sidecar is seen unhealthy the replica goes back to not-ready and proves
 * the new group the same way.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { STREAM_HEARTBEAT_TOPIC } from "../../events/topics.js";
import type { Logger } from "../../infra/logger.js";
import type { TopicSubscriber } from "../../http/subscriptions/adapter.js";

export const STREAM_HEARTBEAT_TYPE = "tickler.stream.heartbeat.v1";

const heartbeatSchema = z.object({ instance: z.string().min(1) });

export class StreamReadiness {
  private readonly instance = randomUUID();
  private live = false;
  private timer: NodeJS.Timeout | null = null;
  private watcher: NodeJS.Timeout | null = null;

  constructor(
    private readonly pubsub: string,
    private readonly publish: (pubsub: string, topic: string, event: object, key: string) => Promise<void>,
    private readonly log: Logger,
    private readonly sidecarHealthy: () => Promise<boolean> = async () => true,
  ) {}

  get ready(): boolean {
    return this.live;
  }

  /** Heartbeat every `intervalMs` until our own comes back; check the sidecar every `watchMs`. */
  start(intervalMs = 1000, watchMs = 5000): void {
    const beat = () => {
      if (this.live) return;
      const event = { specversion: "1.0", id: randomUUID(), source: "tickler/api", type: STREAM_HEARTBEAT_TYPE, datacontenttype: "application/json", data: { instance: this.instance } };
      this.publish(this.pubsub, STREAM_HEARTBEAT_TOPIC, event, this.instance).catch((err: unknown) =>
        this.log.debug({ err }, "stream heartbeat not published yet"),
      );
    };
    beat();
    this.timer = setInterval(beat, intervalMs);
    this.timer.unref();
    this.watcher ??= setInterval(() => {
      void this.sidecarHealthy().then((healthy) => {
        if (healthy || !this.live) return;
        this.log.warn("sidecar unhealthy: the live stream must prove its (new) consumer group again");
        this.live = false;
        this.start(intervalMs, watchMs);
      });
    }, watchMs);
    this.watcher.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    this.stop();
    if (this.watcher) clearInterval(this.watcher);
  }

  subscriber(): TopicSubscriber<z.infer<typeof heartbeatSchema>> {
    return {
      topic: STREAM_HEARTBEAT_TOPIC,
      consumer: "stream-readiness",
      pubsub: this.pubsub,
      types: [STREAM_HEARTBEAT_TYPE],
      schema: heartbeatSchema,
      handle: async (beat) => {
        // Other replicas' heartbeats pass through too; only our own proves our assignment.
        if (beat.instance !== this.instance || this.live) return "duplicate";
        this.live = true;
        this.stop();
        this.log.info({ instance: this.instance }, "live stream consumer is assigned; stream ready");
        return "applied";
      },
    };
  }
}
