/**
 * In-memory stand-ins for what TaskActor does through daprd and Redis (its
 * state, the outbox journal, publishing, the scheduler), for the actor
 * shell's unit tests. They record every call so a test can count round trips.
 */
import { pino } from "pino";
import type { ReminderDue, TaskCommand, TaskEvent } from "../../src/domain/index.js";
import type { TaskActorDeps } from "../../src/actors/taskActor.js";
import type { OutboxJournal } from "../../src/infra/outboxJournal.js";

export class MemoryWorld {
  state = new Map<string, unknown>();
  saves: { id: string; keys: string[]; removed: string[] }[] = [];
  gets = 0;
  journal = new Map<string, number>();
  published: TaskEvent[] = [];
  publishedDue: ReminderDue[] = [];
  reminders = new Map<string, string>();
  reminderCalls = 0;
  armed = new Set<string>();
  spawned: [string, TaskCommand][] = [];
  brokerDown = false;
  /** The scheduler refuses registrations (it is down). */
  schedulerDown = false;
  clock = new Date("2026-06-01T09:00:00Z");
  private tokens = 0;
  /** Set to make the process "die" (throw) right after the next commit. */
  dieAfterCommit = false;
  /** Give the actor an in-process retry (`retryLater`): commits answer before registering reminders. */
  deferReplans = false;
  /** Tasks the actor asked to have re-planned later, in order. */
  retryLater: string[] = [];
  /** Reminder lateness the actor recorded (ms). */
  lateness: number[] = [];

  deps(): TaskActorDeps {
    const key = (id: string, k: string) => `${id}||${k}`;
    const journal: OutboxJournal = {
      mark: async (taskId) => {
        const token = ++this.tokens;
        this.journal.set(taskId, token);
        return token;
      },
      clear: (taskId, token) => {
        if (this.journal.get(taskId) === token) this.journal.delete(taskId);
      },
      marked: async (taskId) => this.journal.get(taskId) ?? null,
      stale: async () => [...this.journal.keys()],
      close: async () => undefined,
    };
    return {
      state: {
        get: async <T>(id: string, k: string) => {
          this.gets++;
          const value = this.state.get(key(id, k));
          return value === undefined ? undefined : (structuredClone(value) as T);
        },
        save: async (id, upsert, remove = []) => {
          for (const [k, v] of Object.entries(upsert)) this.state.set(key(id, k), structuredClone(v));
          for (const k of remove) this.state.delete(key(id, k));
          this.saves.push({ id, keys: Object.keys(upsert), removed: remove });
        },
      },
      journal,
      publish: async (events) => {
        if (this.brokerDown) throw new Error("broker unavailable");
        this.published.push(...events);
      },
      publishReminders: async (due) => {
        if (this.brokerDown) throw new Error("broker unavailable");
        this.publishedDue.push(...due);
      },
      registerReminder: async (taskId, name, remindAt) => {
        if (this.schedulerDown) throw new Error("scheduler unavailable");
        this.reminderCalls++;
        this.reminders.set(`${taskId}/${name}`, remindAt);
      },
      unregisterReminder: async (taskId, name) => {
        this.reminderCalls++;
        this.reminders.delete(`${taskId}/${name}`);
      },
      armOutboxReminder: async (taskId) => {
        if (this.schedulerDown) throw new Error("scheduler unavailable");
        this.armed.add(taskId);
      },
      disarmOutboxReminder: async (taskId) => {
        if (this.schedulerDown) throw new Error("scheduler unavailable");
        this.armed.delete(taskId);
      },
      ...(this.deferReplans ? { retryLater: (taskId: string) => void this.retryLater.push(taskId) } : {}),
      observeLateness: (ms) => void this.lateness.push(ms),
      createOccurrence: async (taskId, command) => void this.spawned.push([taskId, command]),
      occurrenceId: (seriesId, index) => `${seriesId}-occ-${index}`,
      checkPublishable: () => undefined,
      faultPoint: () => {
        if (this.dieAfterCommit) {
          this.dieAfterCommit = false;
          throw new Error("process died after the commit");
        }
      },
      now: () => this.clock,
      log: pino({ level: "silent" }),
    };
  }
}
