/** Import and export formats: RFC 4180 CSV, Todoist's CSV export as drafts, Tickler's own file as drafts. */
import { expect } from "chai";
import { csvRecord, CsvError, parseCsv } from "../../src/domain/csv.js";
import { todoistDrafts } from "../../src/domain/importTodoist.js";
import { importFileSchema, ticklerDrafts } from "../../src/api/export/ticklerFile.js";

const ctx = { timeZone: "Europe/Berlin", now: new Date("2026-11-30T12:00:00Z"), isZone: (z: string) => z !== "Mars/Base" };
const HEADER = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG";

describe("CSV", () => {
  it("parses quotes, doubled quotes, line breaks in quotes, CRLF, a BOM and blank lines", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,\n')).to.deep.equal([["a", "b"], ["x, y", 'say "hi"\nthere'], ["last", ""]]);
    expect(() => parseCsv('a,"open')).to.throw(CsvError);
    expect(() => parseCsv("a\nb\nc\n", 2)).to.throw(/more than 2 rows/);
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
