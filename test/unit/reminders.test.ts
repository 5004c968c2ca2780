import { expect } from "chai";
import { isPrivateHost } from "../../src/infra/egress.js";
import { decide, deliveryIdOf, durationMs, planReminders, stillWanted, type Task } from "../../src/domain/index.js";
import { nextAttemptDelay, overallState } from "../../src/notifications/webhooks.js";

const NOW = new Date("2026-03-01T10:00:00Z");
const at = (iso: string) => new Date(iso).toISOString();

function task(over: Partial<Task>): Task {
  return { ...decide(null, { kind: "create", ownerId: "u", taskId: "t", input: { listId: "list-1", title: "x" } }, NOW).record.task, ...over };
}

describe("reminder planning", () => {
  it("turns offsets before the due date and fixed instants into future instants, earliest first", () => {
    const t = task({ dueAt: at("2026-03-02T09:00:00Z"), reminders: [{ before: "P1D" }, { before: "PT15M" }, { at: "2026-03-01T12:00:00Z" }] });
    // P1D before the due date is 09:00 today, already past at NOW (10:00): not planned.
    expect(planReminders(t, NOW)).to.deep.equal([
      { name: `r-${Date.parse("2026-03-01T12:00:00Z")}`, remindAt: at("2026-03-01T12:00:00Z") },
      { name: `r-${Date.parse("2026-03-02T08:45:00Z")}`, remindAt: at("2026-03-02T08:45:00Z") },
    ]);
    expect(planReminders(t, new Date("2026-03-01T08:00:00Z")).map((p) => p.remindAt)[0]).to.equal(at("2026-03-01T09:00:00Z"));
  });

  it("never plans an instant already past (no retroactive reminders)", () => {
    const t = task({ dueAt: at("2026-03-01T10:05:00Z"), reminders: [{ before: "PT10M" }, { at: "2026-03-01T09:00:00Z" }, { before: "PT1M" }] });
    expect(planReminders(t, NOW).map((p) => p.remindAt)).to.deep.equal([at("2026-03-01T10:04:00Z")]);
  });

  it("collapses reminders at the same instant into one", () => {
    const t = task({ dueAt: at("2026-03-01T11:00:00Z"), reminders: [{ before: "PT1H" }, { before: "PT60M" }, { at: "2026-03-01T10:00:00Z" }] });
    expect(planReminders(t, new Date("2026-03-01T09:00:00Z"))).to.have.length(1);
  });

  it("plans nothing for a completed task", () => {
    expect(planReminders(task({ status: "completed", reminders: [{ at: "2026-03-01T12:00:00Z" }] }), NOW)).to.deep.equal([]);
  });

  it("moves every reminder due before the snooze to the snooze instant", () => {
    const t = task({
      reminders: [{ at: "2026-03-01T10:05:00Z" }, { at: "2026-03-01T10:20:00Z" }, { at: "2026-03-01T11:00:00Z" }],
      snoozedUntil: at("2026-03-01T10:30:00Z"),
    });
    expect(planReminders(t, NOW)).to.deep.equal([
      { name: `snooze-${Date.parse("2026-03-01T10:30:00Z")}`, remindAt: at("2026-03-01T10:30:00Z") },
      { name: `r-${Date.parse("2026-03-01T11:00:00Z")}`, remindAt: at("2026-03-01T11:00:00Z") },
    ]);
  });

  it("keeps an instant's name when other fields change, and drops it when the instant changes", () => {
    const before = task({ dueAt: at("2026-03-01T12:00:00Z"), reminders: [{ before: "PT1H" }] });
    const [plan] = planReminders(before, NOW);
    const retitled = { ...before, title: "new title" };
    expect(stillWanted(retitled, plan!.name, plan!.remindAt)).to.equal(true);
    const moved = { ...before, dueAt: at("2026-03-01T13:00:00Z") };
    expect(stillWanted(moved, plan!.name, plan!.remindAt)).to.equal(false);
    expect(stillWanted({ ...before, status: "completed" }, plan!.name, plan!.remindAt)).to.equal(false);
    expect(deliveryIdOf("t", plan!.name)).to.equal(`t:${plan!.name}`);
  });

  it("reads ISO 8601 durations as elapsed time", () => {
    expect(durationMs("PT15M")).to.equal(900_000);
    expect(durationMs("P1DT2H")).to.equal(93_600_000);
    expect(durationMs("P2W")).to.equal(14 * 86_400_000);
    expect(() => durationMs("P1M")).to.throw();
  });

  it("snoozes only open tasks, and only into the future", () => {
    const open = decide(null, { kind: "create", ownerId: "u", taskId: "t", input: { listId: "list-1", title: "x" } }, NOW).record;
    const snoozed = decide(open, { kind: "snooze", ownerId: "u", until: "2026-03-01T10:10:00.000Z" }, NOW);
    expect(snoozed.record.task.snoozedUntil).to.equal("2026-03-01T10:10:00.000Z");
    expect(snoozed.events[0]!.kind).to.equal("snoozed");
    expect(() => decide(open, { kind: "snooze", ownerId: "u", until: "2026-03-01T09:00:00.000Z" }, NOW)).to.throw();
    const done = decide(open, { kind: "complete", ownerId: "u" }, NOW).record;
    expect(() => decide(done, { kind: "snooze", ownerId: "u", until: "2026-03-01T10:10:00.000Z" }, NOW)).to.throw();
  });
});

describe("webhook delivery rules", () => {
  it("backs off exponentially up to a ceiling", () => {
    const opts = { timeoutMs: 1, maxAttempts: 6, backoffMs: 1000, maxBackoffMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptDelay(n, opts))).to.deep.equal([1000, 2000, 4000, 5000, 5000]);
  });

  it("summarizes delivery states", () => {
    const d = (state: "pending" | "delivered" | "failed") => ({ webhookId: "w", url: "u", state, attempts: 1, nextAttemptAt: null, lastError: null, deliveredAt: null });
    expect(overallState([])).to.equal("delivered");
    expect(overallState([d("delivered"), d("pending")])).to.equal("fired");
    expect(overallState([d("delivered"), d("failed")])).to.equal("failed");
  });

  it("refuses webhook hosts inside the deployment", () => {
    for (const host of ["localhost", "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "[::1]", "fd00::1", "api.internal", "0.0.0.0"]) {
      expect(isPrivateHost(host), host).to.equal(true);
    }
    for (const host of ["example.com", "8.8.8.8", "172.32.0.1", "hooks.slack.com"]) expect(isPrivateHost(host), host).to.equal(false);
  });
});
