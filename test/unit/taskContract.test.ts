/**
 * One task contract (src/domain/task.ts): the shapes derived from it agree.
 * Tasks generated from the schema travel the way a change does (event on the
 * wire → consumer's schema → read model document, cast by its mongoose
 * schema → task → API presenter) and nothing is lost, renamed or added.
 */
import { expect } from "chai";
import fc from "fast-check";
import mongoose from "mongoose";
import { taskEventId, taskSchema, type Task, type TaskEvent } from "../../src/domain/index.js";
import { checkPublishable, taskEventDataSchema, taskEventEnvelope } from "../../src/events/envelope.js";
import { presentTask } from "../../src/api/tasks/presenter.js";
import { taskSchema as apiTaskSchema } from "../../src/api/openapi/responses.js";
import { documentOf, taskDocSchema, toTask, type TaskDoc } from "../../src/infra/readModel.js";
import { arbitraryOf } from "../support/zodArbitrary.js";

/** Rules as the write schema leaves them (canonicalRule): the presenter describes them in words. */
const RULES = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=YEARLY;COUNT=3", "FREQ=HOURLY;INTERVAL=6"];

/** Tasks as the service makes them: any value the schema allows, with the UUID ids the API issues and rules it has read. */
const tasks = arbitraryOf(taskSchema, {
  id: fc.uuid(),
  seriesId: fc.option(fc.uuid(), { nil: null }),
  "recurrence.rule": fc.constantFrom(...RULES),
}) as fc.Arbitrary<Task>;

/** A model on a connection that is never opened: documents are cast by the schema, nothing is stored. */
const TaskView = mongoose.createConnection().model<TaskDoc>("TaskViewContract", taskDocSchema);

function eventOf(task: Task): TaskEvent {
  return { kind: "updated", eventId: taskEventId(task.id, task.version), taskId: task.id, ownerId: task.ownerId, version: task.version, occurredAt: task.updatedAt, changed: ["title"], task };
}

describe("the task contract", () => {
  it("round-trips a task from the schema through the event body, the read model document and the API presenter without loss", () => {
    fc.assert(
      fc.property(tasks, fc.boolean(), (task, deleted) => {
        expect(taskSchema.safeParse(task).success, "the generated task is the schema's").to.equal(true);
        const event = eventOf(task);
        expect(() => checkPublishable({ event })).not.to.throw();

        const wire = JSON.parse(JSON.stringify(taskEventEnvelope(event, "test/contract"))) as { data: unknown };
        const consumed = taskEventDataSchema.parse(wire.data).task;
        expect(consumed).to.deep.equal(task);

        const stored = new TaskView(documentOf(consumed, deleted)).toObject() as TaskDoc;
        expect(stored.deleted).to.equal(deleted);
        const read = toTask(stored);
        expect(read).to.deep.equal(task);

        const body = presentTask(read);
        expect(apiTaskSchema.parse(body)).to.deep.equal(body);
        expect(body).to.deep.equal(presentTask(task));
        const { ownerId: _owner, ...publicFields } = task;
        expect(body).to.deep.equal({ ...publicFields, recurrence: body.recurrence });
        expect(body.recurrence === null).to.equal(task.recurrence === null);
        expect(Object.keys(body), "the JSON's field order is the schema's").to.deep.equal(Object.keys(apiTaskSchema.shape));
      }),
      { numRuns: 200 },
    );
  });

  it("stores every field of the task in the read model, plus only the tombstone, the sort keys and the search keys", () => {
    const paths = Object.keys(taskDocSchema.paths).sort();
    const fields = Object.keys(taskSchema.shape).filter((f) => f !== "id");
    expect(paths).to.deep.equal([...fields, "_id", "deleted", "purgeAt", "titleKey", "priorityRank", "hasDue", "dueKey", "searchWords", "searchText", "searchByOwner", "searchByMonth"].sort());
  });

  it("refuses an unknown task field where the service produces, and strips it where a consumer reads", () => {
    const task = fc.sample(tasks, { numRuns: 1, seed: 22 })[0]!;
    const newer = { ...task, colour: "red", reminders: [{ before: "PT5M", channel: "sms" }] };
    expect(taskSchema.safeParse(newer).success).to.equal(false);
    const data = taskEventDataSchema.parse({ ...taskEventEnvelope(eventOf(task), "test/contract").data, task: newer });
    expect(data.task).to.deep.equal({ ...task, reminders: [{ before: "PT5M" }] });
  });
});
