/**
 * When a consumer gives up on an event, and when it must not.
 *
 * daprd retries a delivery the app answers RETRY without end (the pub/sub
 * inbound policy in components/resiliency.yaml has no retry limit), so the
 * app decides when an event is dead-lettered: once it has kept failing for
 * `giveUpAfterMs` while the app's own store was answering. A failure while
 * the store is down is that outage, not the event's fault: it restarts the
 * event's clock and is answered RETRY, so an outage of any length holds the
 * events in Kafka (in order, per partition) and they are all applied once the
 * store is back, instead of being dead-lettered after a fixed retry window.
 *
 * The clock lives in memory: a restart of the app starts it again, which only
 * delays a give-up. See docs/adr/0007-subscribers-decide-dead-letters.md.
 */

export interface DeliveryPolicy {
  /** Whether this app's own store (the read store) answers now. */
  storeUp(): Promise<boolean>;
  /** How long an event may keep failing, while the store answers, before it is dead-lettered. */
  giveUpAfterMs: number;
  now?: () => number;
}

export type FailureVerdict = "retry" | "deferred" | "give-up";

/** Events being tracked at most: beyond this the oldest clock is forgotten (it starts again if that event fails again). */
const MAX_TRACKED = 10_000;
/** One probe of the store answers every failure within this time: a burst of failures does not become a burst of pings. */
const PROBE_FRESH_MS = 1000;

export class FailureClock {
  private readonly since = new Map<string, number>();
  private probe: { at: number; up: Promise<boolean> } | null = null;
  private readonly now: () => number;

  constructor(private readonly policy: DeliveryPolicy) {
    this.now = policy.now ?? Date.now;
  }

  succeeded(consumer: string, eventId: string): void {
    this.since.delete(key(consumer, eventId));
  }

  /** `canGiveUp`: the subscription has a dead-letter topic (a DROP elsewhere would lose the event). */
  async failed(consumer: string, eventId: string, canGiveUp: boolean): Promise<FailureVerdict> {
    const k = key(consumer, eventId);
    if (!(await this.storeUp())) {
      this.since.delete(k);
      return "deferred";
    }
    if (!canGiveUp) return "retry";
    const now = this.now();
    const first = this.since.get(k);
    if (first === undefined) {
      if (this.since.size >= MAX_TRACKED) this.since.delete(this.since.keys().next().value!);
      this.since.set(k, now);
      return "retry";
    }
    if (now - first < this.policy.giveUpAfterMs) return "retry";
    this.since.delete(k);
    return "give-up";
  }

  private storeUp(): Promise<boolean> {
    const now = this.now();
    if (!this.probe || now - this.probe.at >= PROBE_FRESH_MS) {
      this.probe = { at: now, up: this.policy.storeUp().catch(() => false) };
    }
    return this.probe.up;
  }
}

const key = (consumer: string, eventId: string) => `${consumer}\u0000${eventId}`;
