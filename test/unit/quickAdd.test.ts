import { expect } from "chai";
import fc from "fast-check";
import { MAX_REMINDER_LEADS, parseQuickAdd, type ParsedSpan } from "../../src/domain/quickAdd.js";
import { MAX_LEADS, MAX_PHRASE_WORDS } from "../../src/domain/quickAddRecurrence.js";
import { quickAddWork, resetQuickAddWork } from "../../src/domain/quickAddWork.js";
import { MAX_QUICK_ADD_TEXT } from "../../src/api/tasks/schema.js";
import { QUICK_ADD_SHAPES } from "../support/quickAddShapes.js";
import { occurrencesAfter } from "../../src/domain/recurrence.js";

// Monday 30 November 2026, 09:30 UTC (04:30 in New York, 10:30 in Berlin).
const NOW = new Date("2026-11-30T09:30:00Z");
const quick = (text: string, timeZone = "UTC", now = NOW) => parseQuickAdd(text, { timeZone, now });
const field = (parsed: ParsedSpan[], name: ParsedSpan["field"]) => parsed.filter((p) => p.field === name);

describe("quick add parsing", () => {
  it("reads dates and times in the caller's zone", () => {
    expect(quick("Pay rent tomorrow 5pm", "Europe/Berlin").input).to.deep.include({ title: "Pay rent", dueAt: "2026-12-01T16:00:00.000Z", timeZone: "Europe/Berlin" });
    expect(quick("report next Friday").input).to.deep.include({ title: "report", dueAt: "2026-12-11T09:00:00.000Z" });
    expect(quick("water plants in 3 days").input).to.deep.include({ title: "water plants", dueAt: "2026-12-03T09:00:00.000Z" });
    expect(quick("invoice on the 1st").input).to.deep.include({ title: "invoice", dueAt: "2026-12-01T09:00:00.000Z" });
    expect(quick("take pills in 3 hours").input.dueAt).to.equal("2026-11-30T12:30:00.000Z");
  });

  it("keeps the wall-clock time across a daylight-saving change", () => {
    // Saturday 27 March 2027, Berlin on CET; Sunday is the first day of CEST.
    const { input } = quick("brunch tomorrow 9am", "Europe/Berlin", new Date("2027-03-27T12:00:00Z"));
    expect(input.dueAt).to.equal("2027-03-28T07:00:00.000Z");
  });

  it("is due at 17:00 New York time for \"Call Mom at 5\" in America/New_York, and says it assumed the afternoon", () => {
    const { input, parsed } = quick("Call Mom at 5", "America/New_York");
    expect(input).to.deep.include({ title: "Call Mom", dueAt: "2026-11-30T22:00:00.000Z" });
    expect(field(parsed, "dueAt")[0]).to.deep.include({ text: "at 5", start: 9, end: 13 });
    expect(field(parsed, "dueAt")[0]!.assumed).to.deep.equal(["17:00 (afternoon, no am/pm given)"]);
  });

  it("moves a time without a date that has passed today to tomorrow", () => {
    expect(quick("stretch at 8am").input.dueAt).to.equal("2026-12-01T08:00:00.000Z");
    expect(quick("stretch at 11am").input.dueAt).to.equal("2026-11-30T11:00:00.000Z");
  });

  it("says how it read a numeric date that could be either order", () => {
    const span = field(quick("dentist 3/4 at 10am").parsed, "dueAt")[0]!;
    expect(span.value).to.equal("2027-03-04T10:00:00.000Z");
    expect(span.assumed).to.deep.equal(["3/4 read as month/day (4 March)"]);
    expect(field(quick("dentist 12/25 at 10am").parsed, "dueAt")[0]!).not.to.have.property("assumed");
  });

  it("reports the time it chose when none was given", () => {
    const span = field(quick("dentist tomorrow").parsed, "dueAt")[0]!;
    expect(span).to.deep.include({ text: "tomorrow", value: "2026-12-01T09:00:00.000Z" });
    expect(span.assumed).to.deep.equal(["09:00 (no time given)"]);
  });

  it("protects quoted words: Read \"The 5th Wave\" keeps its title", () => {
    const { input, parsed } = quick('Read "The 5th Wave"');
    expect(input.title).to.equal('Read "The 5th Wave"');
    expect(input).not.to.have.property("dueAt");
    expect(parsed).to.deep.equal([]);
    expect(quick("watch “Friday Night Lights” on Friday").input).to.deep.include({ title: "watch “Friday Night Lights”", dueAt: "2026-12-04T09:00:00.000Z" });
  });

  it("never reads words inside other words: \"check money\" keeps \"mon\"", () => {
    expect(quick("check money")).to.deep.equal({ input: { title: "check money", timeZone: "UTC" }, parsed: [] });
    expect(quick("check money Monday").input).to.deep.include({ title: "check money", dueAt: "2026-12-07T09:00:00.000Z" });
  });

  it("takes #tags, !priority and p1…p4", () => {
    const { input, parsed } = quick("File taxes #Finance #home !high");
    expect(input).to.deep.include({ title: "File taxes", priority: "high", tags: ["finance", "home"] });
    expect(parsed.map((p) => [p.field, p.text])).to.deep.equal([["tags", "#Finance"], ["tags", "#home"], ["priority", "!high"]]);
    expect(["p1", "p2", "p3", "p4"].map((p) => quick(`x ${p}`).input.priority)).to.deep.equal(["high", "medium", "low", "none"]);
    expect(quick("issue #1 again").input).to.deep.equal({ title: "issue #1 again", timeZone: "UTC" });
    expect(quick("email pm@example.com re p10").input.title).to.equal("email pm@example.com re p10");
  });

  it("leaves a second priority in the title instead of silently choosing", () => {
    const { input } = quick("deploy p2 p1");
    expect(input).to.deep.include({ title: "deploy p1", priority: "medium" });
  });

  it("reads recurrence with the project's rules, and starts the series at its first occurrence", () => {
    const weekday = quick("standup every weekday at 9", "Europe/Berlin");
    expect(weekday.input).to.deep.include({ title: "standup", dueAt: "2026-12-01T08:00:00.000Z" });
    expect(weekday.input.recurrence).to.deep.equal({ rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", mode: "schedule" });
    expect(field(weekday.parsed, "recurrence")[0]).to.deep.include({ text: "every weekday" });
    expect(field(weekday.parsed, "dueAt")[0]).to.deep.include({ text: "at 9" });

    const lastDay = quick("pay rent every month on the last day");
    expect(lastDay.input).to.deep.include({ title: "pay rent", dueAt: "2026-12-31T09:00:00.000Z" });
    expect(lastDay.input.recurrence?.rule).to.equal("FREQ=MONTHLY;BYMONTHDAY=-1");

    const fortnightly = quick("water plants every 2 weeks");
    expect(fortnightly.input).to.deep.include({ title: "water plants", dueAt: "2026-12-01T09:00:00.000Z" });
    expect(fortnightly.input.recurrence?.rule).to.equal("INTERVAL=2;FREQ=WEEKLY");
    expect(field(fortnightly.parsed, "recurrence")[0]!.assumed).to.deep.equal(["09:00 (no time given)"]);
  });

  it("reads \"after completion\" as a series counted from completion", () => {
    const { input, parsed } = quick("stretch every 3 days after completion");
    expect(input).to.deep.include({ title: "stretch", recurrence: { rule: "INTERVAL=3;FREQ=DAILY", mode: "completion" } });
    expect(parsed[0]).to.deep.include({ field: "recurrence", text: "every 3 days after completion" });
    expect(quick("water every week after done").input.recurrence?.mode).to.equal("completion");
    expect(quick("water every week").input.recurrence?.mode).to.equal("schedule");
  });

  it("\"every month on the 31st\" skips months without a 31st", () => {
    const { input } = quick("backup every month on the 31st");
    expect(input.dueAt).to.equal("2026-12-31T09:00:00.000Z");
    const next = occurrencesAfter(input.recurrence!.rule, input.dueAt!, "UTC", new Date(input.dueAt!), 3);
    expect(next).to.deep.equal(["2027-01-31T09:00:00.000Z", "2027-03-31T09:00:00.000Z", "2027-05-31T09:00:00.000Z"]);
  });

  it("never reads a date across a span another field took", () => {
    // Found by the generated inputs below: chrono read "at … 3" across the recurrence phrase.
    const { input, parsed } = quick("at every days 3");
    expect(input).to.deep.include({ title: "at 3", dueAt: "2026-12-01T09:00:00.000Z" });
    expect(parsed.map((p) => p.text)).to.deep.equal(["every days"]);
  });

  it("does not let rrule read word beginnings: \"every morning\" is no Monday rule", () => {
    expect(quick("every morning run").input).not.to.have.property("recurrence");
    expect(quick("every 2 weeks pay rent").input.title).to.equal("pay rent");
  });

  it("reads reminders before the due date or at a time on the due day", () => {
    const before = quick("report next Friday remind me 1 day before");
    expect(before.input).to.deep.include({ title: "report", reminders: [{ before: "P1D" }] });
    expect(field(before.parsed, "reminders")[0]).to.deep.include({ text: "remind me 1 day before" });
    const at = quick("dentist in 3 days at 3pm remind at 8am");
    expect(at.input).to.deep.include({ title: "dentist", dueAt: "2026-12-03T15:00:00.000Z", reminders: [{ at: "2026-12-03T08:00:00.000Z" }] });
    expect(quick("call back remind me in 2 hours").input).to.deep.include({ title: "call back", reminders: [{ at: "2026-11-30T11:30:00.000Z" }] });
    expect(quick("x tomorrow remind me 30 minutes before remind me an hour before").input.reminders).to.deep.equal([{ before: "PT30M" }, { before: "PT1H" }]);
  });

  it("reports spans as offsets into the text, in order, that cover exactly what they name", () => {
    const text = "Pay rent tomorrow 5pm #finance !high";
    const { parsed } = quick(text);
    expect(parsed.map((p) => p.field)).to.deep.equal(["dueAt", "tags", "priority"]);
    for (const span of parsed) expect(text.slice(span.start, span.end)).to.equal(span.text);
  });

  it("leaves an empty title when the text is only a date (the API refuses it)", () => {
    expect(quick("tomorrow 5pm").input.title).to.equal("");
  });
});

describe("quick add parsing, any input", () => {
  const words = ["tomorrow", "at", "5", "5pm", "every", "weekday", "month", "on", "the", "1st", "31st", "last", "day", "#tag", "!high", "p1", "p9",
    "remind", "me", "1", "day", "before", "\"quoted", "text\"", "money", "Mon", "in", "3", "days", "hours", "#", "!", "“", "”", "😀", "\u0000", "–"];
  const line = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.array(fc.constantFrom(...words), { maxLength: 16 }).map((w) => w.join(" ")),
  );

  it("never throws, and its spans are in bounds, in order, disjoint and name exactly their text", () => {
    fc.assert(
      fc.property(line, fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati"), (text, timeZone) => {
        const { input, parsed } = parseQuickAdd(text, { timeZone, now: NOW });
        let end = 0;
        for (const span of parsed) {
          expect(span.start).to.be.at.least(end);
          expect(span.end).to.be.above(span.start).and.at.most(text.length);
          expect(text.slice(span.start, span.end)).to.equal(span.text);
          end = span.end;
        }
        expect(input.title.length).to.be.at.most(text.length);
        if (input.dueAt !== undefined) expect(Number.isNaN(Date.parse(input.dueAt!))).to.equal(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("quick add parsing, linear in its text", () => {
  const ctx = { timeZone: "Europe/Berlin", now: NOW };
  const workFor = (text: string) => {
    resetQuickAddWork();
    parseQuickAdd(text, ctx);
    return { ...quickAddWork };
  };

  // Counts of work, not time: what chrono reads, what the working copy costs to build, how often rrule parses.
  for (const [shape, make] of Object.entries(QUICK_ADD_SHAPES)) {
    it(`does work proportional to the text, at most: ${shape}`, function () {
      this.timeout(300_000); // a loaded machine is slow, not wrong; nothing here measures time
      const small = workFor(make(10_000));
      const n = 100_000;
      const big = workFor(make(n));
      // chrono reads overlapping pieces (5/4 of the text) plus a short piece per "remind me" read.
      expect(big.chronoChars).to.be.at.most(1.25 * n + 1280 + MAX_REMINDER_LEADS * 96);
      // The working copy is built whole a few times per parse, plus bounded windows.
      expect(big.renderedChars).to.be.at.most(6 * n + 10_000);
      expect(big.ruleParses).to.be.at.most(MAX_LEADS * MAX_PHRASE_WORDS);
      // Ten times the text, about ten times the work (never the hundred of a quadratic parser).
      expect(big.chronoChars).to.be.at.most(10 * small.chronoChars + 4000);
      expect(big.renderedChars).to.be.at.most(10 * small.renderedChars + 10_000);
    });
  }

  it("parses the longest text a client may send in every adversarial shape, and random mixes of it", function () {
    this.timeout(300_000);
    const check = (text: string) => {
      const { input, parsed } = parseQuickAdd(text, ctx);
      let end = 0;
      for (const span of parsed) {
        expect(span.start).to.be.at.least(end);
        expect(text.slice(span.start, span.end)).to.equal(span.text);
        end = span.end;
      }
      expect(input.title.length).to.be.at.most(text.length);
    };
    for (const make of Object.values(QUICK_ADD_SHAPES)) check(make(MAX_QUICK_ADD_TEXT));
    const piece = fc.constantFrom("every ", "day ", "2 ", "remind me ", "1 day ", "before ", "#tag ", "p1 ", "\"", "\u201c", "tomorrow ", "5pm ", "on the 1st ", " ", ",", "1", "/");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 100, maxLength: 400 }), (pieces) => check(pieces.join("").slice(0, MAX_QUICK_ADD_TEXT))),
      { numRuns: 30 },
    );
  });

  it("reads the same with a date past the first chrono piece as at the start", () => {
    // Text longer than one piece (1280): a date across the step (1024), or in a later piece, is found whole.
    const expected = parseQuickAdd("pay rent tomorrow 5pm", ctx).input.dueAt;
    for (const words of [203, 300, 1000]) {
      const late = parseQuickAdd(`${"word ".repeat(words)}pay rent tomorrow 5pm and more words after it`, ctx);
      expect(late.input.dueAt, `after ${words} words`).to.equal(expected);
      expect(late.parsed.map((p) => p.text)).to.deep.equal(["tomorrow 5pm"]);
    }
  });
});
