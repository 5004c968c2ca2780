/** Publishing an outbox's events (src/infra/publisher.ts): a repeated event id never reaches daprd's bulk publish. */
import { expect } from "chai";
import { firstOfEachId, reminderPublisher } from "../../src/infra/publisher.js";
import type { Sidecar } from "../../src/infra/sidecar.js";
import type { ReminderDue, Task } from "../../src/domain/index.js";

describe("publisher: events with the same id", () => {
  it("keeps the first of each id, in order", () => {
    const events = [{ id: "a", n: 1 }, { id: "b", n: 2 }, { id: "a", n: 3 }, { id: "c", n: 4 }, { id: "b", n: 5 }];
    expect(firstOfEachId(events).map((e) => e.n)).to.deep.equal([1, 2, 4]);
  });

  it("publishes a reminder that fired twice once (a bulk with a repeated entry id is refused whole by daprd), and a single event as itself", async () => {
    const calls: { kind: string; ids: string[] }[] = [];
    const sidecar = {
      publish: async (_p: string, _t: string, event: { id: string }) => void calls.push({ kind: "single", ids: [event.id] }),
      publishBulk: async (_p: string, _t: string, events: { id: string }[]) => {
        const ids = events.map((e) => e.id);
        // What daprd 1.18.1 does with such a batch: ERR_PUBSUB_EVENTS_SER, "entryId is duplicated".
        if (new Set(ids).size !== ids.length) throw new Error("400 entryId is duplicated");
        calls.push({ kind: "bulk", ids });
      },
    } as unknown as Sidecar;
    const publish = reminderPublisher({ sidecar, pubsub: "pubsub", source: "api", timeoutMs: 1000 });
    const due = (remindAt: string, firedAt: string): ReminderDue => ({
      deliveryId: `t1:r-${Date.parse(remindAt)}`, taskId: "t1", ownerId: "u1", remindAt, firedAt, task: { id: "t1" } as Task,
    });
    const first = due("2026-12-05T03:55:19.726Z", "2026-12-05T03:55:57.156Z");
    const again = due("2026-12-05T03:55:19.726Z", "2026-12-05T03:56:00.039Z");
    const other = due("2026-12-05T03:55:29.865Z", "2026-12-05T03:56:00.040Z");
    await publish([first, again, other]);
    await publish([first, again]);
    expect(calls).to.deep.equal([
      { kind: "bulk", ids: [first.deliveryId, other.deliveryId] },
      { kind: "single", ids: [first.deliveryId] },
    ]);
  });
});
