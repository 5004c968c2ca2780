/**
 * The import's CSV reader and Todoist mapping on generated input (issue 22's
 * "the CSV body is not fuzzed"): what is written reads back; any text is
 * either records within every limit or a CsvError naming a row, never another
 * exception; any Todoist rows give drafts and problems, never an exception,
 * and every problem names its row and column.
 */
import { expect } from "chai";
import fc from "fast-check";
import { csvRecord, CsvError, parseCsv } from "../../src/domain/csv.js";
import { TODOIST_CELL_LIMITS, TODOIST_OTHER_CELL_LIMIT, todoistDrafts } from "../../src/domain/importTodoist.js";

const HEADER = ["TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT", "AUTHOR", "RESPONSIBLE", "DATE", "DATE_LANG", "TIMEZONE"];
const ctx = { timeZone: "Europe/Berlin", now: new Date("2026-11-30T12:00:00Z"), isZone: (z: string) => z === "Europe/Berlin" || z === "UTC" };
/** Characters that matter to CSV, and some that do not. */
const csvChar = fc.constantFrom("a", "Z", " ", ",", '"', "\r", "\n", "é", "😀", "=", "-", "\t", "1");
const csvText = (maxLength: number) => fc.array(csvChar, { maxLength }).map((cs) => cs.join(""));

describe("CSV on generated input (src/domain/csv.ts)", () => {
  it("reads back what it writes, whatever the cells hold", () => {
    // A cell a spreadsheet would run as a formula is written defused (a leading '), so those are left out here.
    const cell = csvText(12).filter((s) => !/^[=+\-@\t\r]/.test(s));
    const record = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((r) => !(r.length === 1 && r[0] === ""));
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (records, eol) => {
        expect(parseCsv(records.map(csvRecord).join(eol))).to.deep.equal(records);
      }),
    );
  });

  it("answers any text with records inside every limit or a CsvError naming a row", () => {
    fc.assert(
      fc.property(csvText(200), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 30 }), (text, maxRows, maxColumns, maxCell) => {
        let rows: string[][];
        try {
          rows = parseCsv(text, { maxRows, maxColumns, maxCell });
        } catch (err) {
          expect(err, String(err)).to.be.instanceOf(CsvError);
          expect((err as CsvError).row).to.be.within(1, maxRows + 1);
          return;
        }
        expect(rows.length).to.be.at.most(maxRows);
        for (const row of rows) {
          expect(row.length).to.be.within(1, maxColumns);
          for (const cell of row) expect(cell.length).to.be.at.most(maxCell);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("Todoist rows on generated input (src/domain/importTodoist.ts)", () => {
  it("gives drafts and problems, never an exception; each problem names its row and column, each draft keeps to the limits", () => {
    const cellFor = fc.oneof(
      csvText(20),
      fc.constantFrom("task", "note", "TASK", "section", "1", "2", "3", "4", "5", "today", "every monday", "tomorrow at 9", "Europe/Berlin", "Mars/Base", "@label", "x @a @b"),
      // Around the limits: 200 for most columns, 4000 for CONTENT and DESCRIPTION.
      fc.constantFrom(199, 200, 201, 3999, 4000, 4001).map((n) => "x".repeat(n)),
    );
    const row = fc.array(cellFor, { minLength: 0, maxLength: HEADER.length + 2 });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const { drafts, problems } = todoistDrafts([HEADER, ...rows], ctx);
        for (const p of problems) {
          expect(p.row, JSON.stringify(p)).to.be.within(2, rows.length + 1);
          expect(p.column).to.be.a("string").and.not.equal("");
        }
        for (const d of drafts) {
          expect(d.row).to.be.within(2, rows.length + 1);
          expect(d.input.title!.length).to.be.at.most(TODOIST_CELL_LIMITS.CONTENT!);
          expect(d.input.description!.length).to.be.at.most(TODOIST_CELL_LIMITS.CONTENT! * (rows.length + 1) + 2 * rows.length);
        }
        // Rows with a cell past its column's limit are problems, never drafts.
        const tooLong = rows.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c, i) => c.length > (TODOIST_CELL_LIMITS[HEADER[i] ?? ""] ?? TODOIST_OTHER_CELL_LIMIT)));
        for (const { row: r } of tooLong) {
          expect(drafts.map((d) => d.row)).to.not.include(r);
          expect(problems.map((p) => p.row), "a row with a cell past its limit is a problem").to.include(r);
        }
      }),
      { numRuns: 300 },
    );
  });
});
