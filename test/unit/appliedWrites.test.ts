import { expect } from "chai";
import fc from "fast-check";
import { APPLIED_WRITE_WINDOW_MS, decide, DomainError, MAX_APPLIED_WRITES, priorWrite, remember, type AppliedWrite, type TaskCommand, type TaskRecord, type WriteKey } from "../../src/domain/index.js";
import { takesIdempotencyKey, withIdempotencyKey } from "../../src/domain/writeRetry.js";
import { EMPTY_OUTBOX } from "../../src/domain/index.js";
import { loadTaskState, saveTaskState, STATE_KEY } from "../../src/actors/taskState.js";
import { codeOf } from "../support/domainErrors.js";

const T0 = new Date("2026-03-01T10:00:00Z");
const T1 = new Date("2026-03-01T11:00:00Z");
const T2 = new Date("2026-03-01T12:00:00Z");
const key = (k: string, requestHash = "h1", status = 200): WriteKey => ({ key: k, requestHash, status });

function created(): TaskRecord {
  return decide(null, { kind: "create", ownerId: "alice", taskId: "t1", input: { listId: "list-1", title: "Write tests" } }, T0).record;
}


describe("applied writes (Idempotency-Key on task writes)", () => {
  it("answers new, replay, or idempotency_conflict for another request under the key", () => {
    const applied = remember([], "alice", key("k1"), 2, T0);
    expect(priorWrite(applied, "alice", key("k2"), T1)).to.deep.equal({ kind: "new" });
    expect(priorWrite(applied, "alice", key("k1"), T1)).to.deep.include({ kind: "replay" });
    expect(codeOf(() => priorWrite(applied, "alice", key("k1", "other"), T1))).to.equal("idempotency_conflict");
  });

  it("keeps keys per user: another user's same key is a new write", () => {
    const applied = remember([], "alice", key("k1"), 2, T0);
    expect(priorWrite(applied, "bob", key("k1", "other"), T1)).to.deep.equal({ kind: "new" });
  });

  it("forgets a write after 24 h and keeps at most the last MAX_APPLIED_WRITES", () => {
    const applied = remember([], "alice", key("k1"), 2, T0);
    expect(priorWrite(applied, "alice", key("k1", "other"), new Date(T0.getTime() + APPLIED_WRITE_WINDOW_MS))).to.deep.equal({ kind: "new" });
    let many: AppliedWrite[] = [];
    for (let i = 0; i < MAX_APPLIED_WRITES + 5; i++) many = remember(many, "alice", key(`k${i}`), i + 2, T0);
    expect(many).to.have.length(MAX_APPLIED_WRITES);
    expect(priorWrite(many, "alice", key("k0", "other"), T1)).to.deep.equal({ kind: "new" });
    expect(priorWrite(many, "alice", key(`k${MAX_APPLIED_WRITES + 4}`), T1).kind).to.equal("replay");
  });

  it("decide: a retried complete is a replay with the first status, no event, even after a later change", () => {
    const complete: TaskCommand = { kind: "complete", ownerId: "alice", write: key("c1") };
    const first = decide(created(), complete, T1);
    expect(first.events).to.have.length(1);
    expect(first.record.appliedWrites).to.deep.equal([{ userId: "alice", key: "c1", requestHash: "h1", version: 2, status: 200, at: T1.toISOString() }]);
    const reopened = decide(first.record, { kind: "reopen", ownerId: "alice" }, T1).record;
    const again = decide(reopened, complete, T2);
    expect(again.events).to.deep.equal([]);
    expect(again.replayed).to.deep.equal({ status: 200 });
    expect(again.record).to.equal(reopened);
    expect(again.record.task.status).to.equal("open");
  });

  it("decide: a retried PATCH is answered before its If-Match is checked; another request under the key is refused, nothing changed", () => {
    const patch: TaskCommand = { kind: "update", ownerId: "alice", patch: { title: "New" }, expectedVersion: 1, write: key("p1") };
    const first = decide(created(), patch, T1);
    expect(first.record.task.version).to.equal(2);
    const again = decide(first.record, patch, T2);
    expect(again).to.deep.include({ events: [], replayed: { status: 200 } });
    expect(codeOf(() => decide(first.record, { ...patch, patch: { title: "Other" }, write: key("p1", "h2") }, T2))).to.equal("idempotency_conflict");
  });

  it("decide: a keyed write that changes nothing is remembered (its retry changes nothing later either)", () => {
    const same = decide(created(), { kind: "update", ownerId: "alice", patch: { title: "Write tests" }, write: key("n1") }, T1);
    expect(same.events).to.deep.equal([]);
    expect(same.record.appliedWrites).to.have.length(1);
    const retitled = decide(same.record, { kind: "update", ownerId: "alice", patch: { title: "Changed" } }, T1).record;
    const again = decide(retitled, { kind: "update", ownerId: "alice", patch: { title: "Write tests" }, write: key("n1") }, T2);
    expect(again.replayed).to.deep.equal({ status: 200 });
    expect(again.record.task.title).to.equal("Changed");
  });

  it("decide: a failed keyed write is not remembered; a delete's replay answers 204 though the task is gone", () => {
    const record = created();
    expect(codeOf(() => decide(record, { kind: "reopen", ownerId: "alice", write: key("r1") }, T1))).to.equal("invalid_transition");
    const deleted = decide(record, { kind: "delete", ownerId: "alice", write: key("d1", "h", 204) }, T1);
    expect(decide(deleted.record, { kind: "delete", ownerId: "alice", write: key("d1", "h", 204) }, T2).replayed).to.deep.equal({ status: 204 });
    // Another user's key on the same task is theirs: bob cannot see alice's task, so not_found, never her replay.
    expect(codeOf(() => decide(deleted.record, { kind: "complete", ownerId: "bob", write: key("d1", "h", 204) }, T2))).to.equal("not_found");
  });

  it("a record stored before applied writes (no field) is decided as before", () => {
    const old = created();
    delete old.appliedWrites;
    const next = decide(old, { kind: "complete", ownerId: "alice", write: key("c1") }, T1);
    expect(next.record.task.status).to.equal("completed");
    expect(decide(old, { kind: "complete", ownerId: "alice" }, T1).record.appliedWrites).to.equal(undefined);
  });

  it("state stored before applied writes loads unchanged, and the first keyed write saves them with the change", async () => {
    const record = created();
    const stored = { v: 2, record, outbox: EMPTY_OUTBOX, registered: {}, armed: false };
    let saved: unknown;
    const store = { get: async <T>(_id: string, key: string) => (key === STATE_KEY ? stored : undefined) as T, save: async (_id: string, upsert: Record<string, unknown>) => void (saved = upsert[STATE_KEY]) };
    const state = await loadTaskState(store, "t1");
    expect(state.record).to.deep.equal(record);
    expect(state.record).to.not.have.property("appliedWrites");
    const next = decide(state.record, { kind: "complete", ownerId: "alice", write: key("c1") }, T1).record;
    await saveTaskState(store, "t1", { ...state, record: next });
    expect((saved as { record: TaskRecord }).record.appliedWrites).to.deep.equal([{ userId: "alice", key: "c1", requestHash: "h1", version: 2, status: 200, at: T1.toISOString() }]);
  });

  it("property: after any sequence of writes, the last of each user's live keys replays, another hash conflicts, the bound holds", () => {
    const write = fc.record({ user: fc.constantFrom("alice", "bob"), key: fc.constantFrom("a", "b", "c", "d", "e"), hash: fc.constantFrom("h1", "h2"), minutes: fc.integer({ min: 0, max: 30 * 60 }) });
    fc.assert(fc.property(fc.array(write, { maxLength: 80 }), (writes) => {
      let applied: AppliedWrite[] = [];
      let now = T0.getTime();
      const latest = new Map<string, { hash: string; at: number }>();
      const order: string[] = [];
      for (const w of writes) {
        now += w.minutes * 60_000;
        const at = new Date(now);
        const id = `${w.user}/${w.key}`;
        const prior = (() => {
          try {
            return priorWrite(applied, w.user, key(w.key, w.hash), at).kind;
          } catch (err) {
            if (err instanceof DomainError && err.code === "idempotency_conflict") return "conflict";
            throw err;
          }
        })();
        const known = latest.get(id);
        const live = known !== undefined && now - known.at < APPLIED_WRITE_WINDOW_MS && order.includes(id);
        expect(prior).to.equal(!live ? "new" : known.hash === w.hash ? "replay" : "conflict");
        if (prior === "new") {
          applied = remember(applied, w.user, key(w.key, w.hash), 1, at);
          latest.set(id, { hash: w.hash, at: now });
          // The model: the expired leave, then the oldest past the bound.
          const kept = order.filter((o) => o !== id && now - latest.get(o)!.at < APPLIED_WRITE_WINDOW_MS);
          order.splice(0, order.length, ...[...kept, id].slice(-MAX_APPLIED_WRITES));
          // As saved: bounded, and none older than the window.
          expect(applied.length).to.be.at.most(MAX_APPLIED_WRITES);
          expect(applied.every((a) => now - Date.parse(a.at) < APPLIED_WRITE_WINDOW_MS)).to.equal(true);
        }
      }
    }));
  });
});

describe("which writes take an Idempotency-Key", () => {
  it("every task write, with or without the /api/v1 prefix or a query; nothing else", () => {
    const id = "3f1c2b9e-8d4a-4c1e-9b2a-1c2d3e4f5a6b";
    for (const [method, path] of [["POST", "/tasks"], ["POST", "/api/v1/tasks/quick"], ["PATCH", `/tasks/${id}`], ["DELETE", `/api/v1/tasks/${id}`],
      ["POST", `/tasks/${id}/complete?withSubtasks=true`], ["POST", `/tasks/${id}/reopen`], ["POST", `/tasks/${id}/snooze`], ["POST", `/tasks/${id}/restore`], ["POST", `/tasks/${id}/revert`]] as const) {
      expect(takesIdempotencyKey(method, path), `${method} ${path}`).to.equal(true);
    }
    for (const [method, path] of [["GET", `/tasks/${id}`], ["POST", `/tasks/${id}/comments`], ["PATCH", "/lists/x"], ["DELETE", "/tags/x"], ["POST", "/tasks/import"], ["PATCH", "/tasks/quick"]] as const) {
      expect(takesIdempotencyKey(method, path), `${method} ${path}`).to.equal(false);
    }
  });

  it("adds a key only when the write takes one and has none", () => {
    const make = () => "fresh";
    expect(withIdempotencyKey("POST", "/tasks/t/complete", {}, make)).to.deep.equal({ "idempotency-key": "fresh" });
    expect(withIdempotencyKey("POST", "/tasks/t/complete", { "Idempotency-Key": "mine" }, make)).to.deep.equal({ "Idempotency-Key": "mine" });
    expect(withIdempotencyKey("GET", "/tasks/t", {}, make)).to.deep.equal({});
  });
});
