/** Import and export formats: RFC 4180 CSV, Todoist's CSV export as drafts, Tickler's own file as drafts. */
import { expect } from "chai";
import request from "supertest";
import { exportRoutes } from "../../src/api/export/routes.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";
import { csvRecord, CsvError, parseCsv } from "../../src/domain/csv.js";
import { TODOIST_CELL_LIMITS, TODOIST_MAX_CELL, TODOIST_OTHER_CELL_LIMIT, todoistDrafts } from "../../src/domain/importTodoist.js";
import { quickAddWork, resetQuickAddWork } from "../../src/domain/quickAddWork.js";
import { IMPORT_FIELD_LIMITS, importFileSchema, ticklerDrafts } from "../../src/api/export/ticklerFile.js";

const ctx = { timeZone: "Europe/Berlin", now: new Date("2026-11-30T12:00:00Z"), isZone: (z: string) => z !== "Mars/Base" };
const HEADER = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG";

describe("CSV", () => {
  it("parses quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,\n')).to.deep.equal([["a", "b"], ["x, y", 'say "hi"\nthere'], ["last", ""]]);
    expect(() => parseCsv('a,"open')).to.throw(CsvError);
    expect(() => parseCsv("a\nb\nc\n", 2)).to.throw(/more than 2 rows/);
  });

  it("stops at the first cell longer than the limit or a record with too many cells, naming row and column", () => {
    const long = "x".repeat(11);
    const err = (text: string, limits: Parameters<typeof parseCsv>[1]) => {
      try {
        parseCsv(text, limits);
      } catch (e) {
        return e as CsvError;
      }
      throw new Error("parsed");
    };
    const cell = err(`A,B\nok,ok\nok,${long}\n`, { maxCell: 10 });
    expect([cell.row, cell.at?.column, cell.at?.header]).to.deep.equal([3, 2, ["A", "B"]]);
    // Quoted, with doubled quotes: still counted as the cell's characters.
    expect(err(`A\n"${'""'.repeat(11)}"`, { maxCell: 10 }).row).to.equal(2);
    expect(parseCsv(`A\n"${'""'.repeat(10)}"`, { maxCell: 10 })).to.deep.equal([["A"], ['"'.repeat(10)]]);
    expect(err(`${long},B`, { maxCell: 10 }).at).to.deep.equal({ column: 1 });
    const wide = err("A,B\n1,2,3\n", { maxColumns: 2 });
    expect([wide.row, wide.at?.column, wide.message]).to.deep.equal([2, 3, "more than 2 cells in a row"]);
    expect(parseCsv("A,B\n1,2\n", { maxColumns: 2, maxCell: 1 })).to.deep.equal([["A", "B"], ["1", "2"]]);
  });

  it("writes records that read back, with formula cells defused", () => {
    const line = csvRecord(["plain", 'with "quote", comma', "=SUM(A1)", null, 3]);
    expect(line).to.equal(`plain,"with ""quote"", comma",'=SUM(A1),,3`);
    expect(parseCsv(line)).to.deep.equal([["plain", 'with "quote", comma', "'=SUM(A1)", "", "3"]]);
  });
});

describe("Todoist CSV import", () => {
  const csv = [
    HEADER,
    "section,Errands,,,,,,,,,,,,",
    'task,Buy milk @Shopping @home,"2 litres, semi-skimmed",1,1,Ada (123),,2027-12-01 09:00,en,Europe/Berlin,,,,',
    'note,"Remember the ""good"" brand",,,,Ada (123),,,,,,,,',
    "task,Call mom,,4,1,Ada (123),,every sunday at 18:00,en,,,,,",
    "task,Read book,,3,2,Ada (123),,,en,,,,,",
    "task,Read book,,3,2,Ada (123),,,en,,,,,",
    "task,Plan,,2,1,Ada (123),,,en,,,,,",
  ].join("\r\n");

  it("maps tasks, notes, labels, priorities (1 = p1 = high) and dates in the row's or the user's zone", () => {
    const { drafts, problems } = todoistDrafts(parseCsv(csv), ctx);
    expect(problems).to.deep.equal([]);
    expect(drafts.map((d) => [d.row, d.input.title, d.input.priority])).to.deep.equal([
      [3, "Buy milk", "high"], [5, "Call mom", "none"], [6, "Read book", "low"], [7, "Read book", "low"], [8, "Plan", "medium"],
    ]);
    const milk = drafts[0]!.input;
    expect(milk.tags).to.deep.equal(["shopping", "home"]);
    expect(milk.description).to.equal('2 litres, semi-skimmed\n\nRemember the "good" brand');
    expect(milk.dueAt).to.equal("2027-12-01T08:00:00.000Z");
    expect(drafts[1]!.input.recurrence).to.deep.equal({ rule: "FREQ=WEEKLY;BYDAY=SU", mode: "schedule" });
    expect(drafts[1]!.input.timeZone).to.equal("Europe/Berlin");
    // Identical rows are two tasks, each with a key of its own that the next import finds again.
    expect(drafts[2]!.key).not.to.equal(drafts[3]!.key);
    expect(todoistDrafts(parseCsv(csv), { ...ctx, now: new Date("2027-01-05T00:00:00Z") }).drafts.map((d) => d.key)).to.deep.equal(drafts.map((d) => d.key));
  });

  it("names each bad row and column", () => {
    const bad = [HEADER, "task,x,,7,,,,,,,,,,", "task,y,,1,,,,someday maybe,en,,,,,", "task,z,,1,,,,tomorrow,en,Mars/Base,,,,", "note,orphan,,,,,,,,,,,,"];
    const { problems } = todoistDrafts(parseCsv(bad.join("\n")), ctx);
    expect(problems.map((p) => `${p.row}:${p.column}`)).to.deep.equal(["2:PRIORITY", "3:DATE", "4:TIMEZONE"]);
    const orphan = todoistDrafts(parseCsv([HEADER, "note,orphan,,,,,,,,,,,,"].join("\n")), ctx);
    expect(orphan.problems).to.deep.equal([{ row: 2, column: "TYPE", message: "a note needs a task above it" }]);
    expect(todoistDrafts([["NAME"]], ctx).problems.map((p) => p.column)).to.deep.equal(["TYPE", "CONTENT"]);
  });
});

describe("import cell limits", () => {
  const row = (over: Record<string, string>) => {
    const names = HEADER.split(",");
    return csvRecord(names.map((n) => over[n] ?? (n === "TYPE" ? "task" : n === "CONTENT" ? "ok" : "")));
  };

  it("refuses a Todoist cell over its column's limit, naming row and column, and never parses it", () => {
    const { DATE, CONTENT, DESCRIPTION } = TODOIST_CELL_LIMITS as Record<string, number>;
    const csv = [
      HEADER,
      row({ DATE: "tomorrow ".repeat(40).slice(0, DATE) }),
      row({ DATE: `every day ${"1".repeat(DATE!)}` }),
      row({ CONTENT: "c".repeat(CONTENT! + 1) }),
      row({ DESCRIPTION: "d".repeat(DESCRIPTION! + 1) }),
      row({ AUTHOR: "a".repeat(TODOIST_OTHER_CELL_LIMIT + 1), DATE: "x".repeat(DATE! + 1) }),
      row({ CONTENT: "c".repeat(CONTENT!), DESCRIPTION: "d".repeat(DESCRIPTION!) }),
    ].join("\n");
    const { drafts, problems } = todoistDrafts(parseCsv(csv), ctx);
    expect(problems.map((p) => `${p.row}.${p.column}: ${p.message}`)).to.deep.equal([
      `3.DATE: must be at most ${DATE} characters`,
      `4.CONTENT: must be at most ${CONTENT} characters`,
      `5.DESCRIPTION: must be at most ${DESCRIPTION} characters`,
      `6.AUTHOR: must be at most ${TODOIST_OTHER_CELL_LIMIT} characters`,
      `6.DATE: must be at most ${DATE} characters`,
    ]);
    // Rows at the limits are read (the 200-character DATE is a date phrase, then words).
    expect(drafts.map((d) => d.row)).to.deep.equal([2, 7]);
    // The over-long DATE never reaches the date parser.
    resetQuickAddWork();
    todoistDrafts(parseCsv([HEADER, row({ DATE: "tomorrow ".repeat(30) })].join("\n")), ctx);
    expect(quickAddWork.chronoChars).to.equal(0);
    // The CSV reader itself stops at the longest any column allows.
    expect(() => parseCsv([HEADER, row({ CONTENT: "c".repeat(TODOIST_MAX_CELL + 1) })].join("\n"), { maxCell: TODOIST_MAX_CELL })).to.throw(CsvError, /longer than/);
  });

  it("names header cells that are too long by their position", () => {
    const { problems } = todoistDrafts([["TYPE", "CONTENT", "h".repeat(TODOIST_OTHER_CELL_LIMIT + 1)], ["task", "x", ""]], ctx);
    expect(problems).to.deep.equal([{ row: 1, column: "column 3", message: `must be at most ${TODOIST_OTHER_CELL_LIMIT} characters` }]);
  });

  it("refuses a Tickler file whose fields are longer than POST /tasks takes, naming task and field", () => {
    const L = IMPORT_FIELD_LIMITS;
    const ok = { id: "a", title: "t" };
    const result = importFileSchema.safeParse({
      format: "tickler.export", version: 1,
      tasks: [
        ok,
        { id: "b", title: "t".repeat(L.title + 1), description: "d".repeat(L.description + 1), dueAt: "2".repeat(L.dueAt + 1), timeZone: "z".repeat(L.timeZone + 1) },
        { id: "c", title: "t", tags: ["ok", "g".repeat(L.tag + 1)], reminders: [{ before: "P".repeat(L.reminder + 1) }, { at: "x".repeat(L.reminder + 1) }] },
        { id: "d", title: "t", recurrence: { rule: "F".repeat(L.rule + 1), mode: "schedule" }, seriesId: "s".repeat(L.seriesId + 1) },
        { id: "e", title: "t", tags: Array.from({ length: 21 }, (_, i) => `t${i}`), reminders: Array.from({ length: 11 }, () => ({ before: "PT1M" })) },
        // Wrong types are not this check's business: POST /tasks' schema names them later.
        { id: "f", title: 5, tags: "x", reminders: [7] },
      ],
    });
    expect(result.success).to.equal(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).to.deep.equal([
      "tasks.1.title", "tasks.1.description", "tasks.1.dueAt", "tasks.1.timeZone",
      "tasks.2.tags.1", "tasks.2.reminders.0.before", "tasks.2.reminders.1.at",
      "tasks.3.recurrence.rule", "tasks.3.seriesId",
      "tasks.4.tags", "tasks.4.reminders",
    ]);
  });
});

describe("Tickler export file import", () => {
  it("keys by the original id; a series keeps its rule only on its latest open occurrence; completed tasks are completed", () => {
    const task = (id: string, over: object) => ({ id, title: id, status: "open", dueAt: null, seriesId: null, recurrence: null, ...over });
    const weekly = { rule: "FREQ=WEEKLY", mode: "schedule", text: "every week" };
    const file = importFileSchema.parse({
      format: "tickler.export", version: 1,
      tasks: [
        task("a", { recurrence: weekly, seriesId: "a", dueAt: "2027-01-01T09:00:00.000Z" }),
        task("b", { recurrence: weekly, seriesId: "a", dueAt: "2027-01-08T09:00:00.000Z" }),
        task("c", { recurrence: weekly, seriesId: "a", dueAt: "2026-12-25T09:00:00.000Z", status: "completed" }),
        task("d", { history: [{ anything: true }] }),
      ],
    });
    const { drafts } = ticklerDrafts(file);
    expect(drafts.map((d) => [d.key, d.input.recurrence, d.complete])).to.deep.equal([
      ["tickler:a", null, false], ["tickler:b", { rule: "FREQ=WEEKLY", mode: "schedule" }, false], ["tickler:c", null, true], ["tickler:d", null, false],
    ]);
    expect(importFileSchema.safeParse({ format: "other", version: 1, tasks: [] }).success).to.equal(false);
  });
});

describe("POST /api/v1/import over the HTTP layer, cells past their limits", () => {
  const header = HEADER;
  // Any actor call or read-model write would mean something was imported.
  const untouched = new Proxy({}, { get: (_t, name) => () => { throw new Error(`nothing may be imported, yet ${String(name)} was called`); } });
  const server = () => memoryApi((guard) => [exportRoutes({ guard, actors: untouched as never, lists: untouched as never, listActors: untouched as never, listsView: untouched as never, readModel: untouched as never, readable: async () => [], history: async () => [], timeZoneOf: async () => "UTC", comments: untouched as never, commentOutbox: untouched as never })]).server;
  let auth: string;
  before(async () => {
    auth = `Bearer ${await memoryToken("importer")}`;
  });
  const csv = (body: string) => request(server()).post("/api/v1/import").set("authorization", auth).set("content-type", "text/csv").send(body);

  it("answers 400 problem+json naming row and column and imports nothing", async () => {
    const longDate = `task,x,,4,,,,${"every day ".repeat(30)},en,,,,,`;
    const res = await csv([header, "task,fine,,4,,,,,,,,,,", longDate].join("\n"));
    expect(res.status).to.equal(400);
    expect(res.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(res.body.detail).to.match(/nothing was imported/);
    expect(res.body.errors).to.deep.equal([{ path: "row 3.DATE", message: "must be at most 200 characters" }]);

    // Past what any column allows, the reader stops there.
    const huge = await csv([header, `task,"${"c".repeat(TODOIST_MAX_CELL + 1)}",,4,,,,,,,,,,`].join("\n"));
    expect(huge.status).to.equal(400);
    expect(huge.body.errors).to.deep.equal([{ path: "row 2.CONTENT", message: `a cell is longer than ${TODOIST_MAX_CELL} characters` }]);
    const wide = await csv([header, `task,x${",".repeat(70)}`].join("\n"));
    expect(wide.body.errors[0].path).to.equal("row 2.column 65");

    const json = await request(server()).post("/api/v1/import").set("authorization", auth)
      .send({ format: "tickler.export", version: 1, tasks: [{ id: "a", title: "ok" }, { id: "b", title: "t".repeat(201) }] });
    expect(json.status).to.equal(400);
    expect(json.body.errors).to.deep.equal([{ path: "tasks.1.title", message: "must be at most 200 characters" }]);
  });
});
