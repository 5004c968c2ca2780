/**
 * Export and import against the real stack: a round trip from one user into
 * another gives the same tasks, a Todoist CSV export imports, importing the
 * same source twice creates nothing, and bad input names its rows.
 */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { keyBetween } from "../../src/domain/position.js";
import { apiAs, eventually, stack } from "../support/stack.js";

type Api = Awaited<ReturnType<typeof apiAs>>;

async function send(api: Api, method: string, path: string, body: string, contentType: string) {
  const res = await fetch(`${stack().apiUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${api.token}`, "content-type": contentType }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text, json: /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : null };
}

async function allTasks(api: Api): Promise<any[]> {
  return (await api.call("GET", "/tasks?status=all&limit=100&sort=title")).body.items;
}

const comparable = (t: any) => ({
  title: t.title, description: t.description, priority: t.priority, tags: t.tags, dueAt: t.dueAt, timeZone: t.timeZone,
  reminders: t.reminders, recurrence: t.recurrence && { rule: t.recurrence.rule, mode: t.recurrence.mode }, status: t.status,
});

describe("import and export (e2e)", function () {
  const run = Date.now();

  it("exports JSON with history and CSV, and a round trip into another user gives the same tasks; a second import creates none", async () => {
    const ada = await apiAs(`export-${run}`);
    const plain = await ada.call("POST", "/tasks", { title: "Plain, with \"quotes\"", description: "two\nlines", tags: ["home", "x"], priority: "high" });
    await ada.call("POST", "/tasks", { title: "Dentist", dueAt: "2030-05-04T08:30:00Z", timeZone: "Europe/Berlin", reminders: [{ before: "P1D" }, { at: "2030-05-03T18:00:00Z" }] });
    await ada.call("POST", "/tasks", { title: "Weekly review", dueAt: "2030-01-04T16:00:00Z", timeZone: "America/New_York", recurrence: { rule: "FREQ=WEEKLY;BYDAY=FR" } });
    const done = await ada.call("POST", "/tasks", { title: "Done already", priority: "low" });
    await ada.call("POST", `/tasks/${done.body.id}/complete`);
    await ada.call("PATCH", `/tasks/${plain.body.id}`, { priority: "medium" });
    const source = await allTasks(ada);
    expect(source).to.have.length(4);

    // History comes from the audit feed, which the events reach shortly after the writes.
    const exported = await eventually(
      async () => (await ada.call("GET", "/export")).body,
      (file: any) => file.tasks.every((t: any) => t.history.length >= 1) && file.tasks.find((t: any) => t.id === plain.body.id).history.length >= 2,
      20_000, "every task's history in the export",
    );
    expect(exported.format).to.equal("tickler.export");
    expect(exported.truncated).to.equal(false);
    expect(exported.tasks.map((t: any) => t.id).sort()).to.deep.equal(source.map((t) => t.id).sort());
    expect(exported.tasks.find((t: any) => t.id === plain.body.id).history.map((h: any) => h.type)).to.deep.equal(["tickler.task.created.v1", "tickler.task.updated.v1"]);

    const csvRes = await fetch(`${stack().apiUrl}/api/v1/export?format=csv`, { headers: { authorization: `Bearer ${ada.token}` } });
    expect(csvRes.status).to.equal(200);
    expect(csvRes.headers.get("content-type")).to.match(/^text\/csv/);
    const csvText = await csvRes.text();
    expect(csvText.split("\r\n")[0]).to.equal("id,title,description,status,priority,tags,dueAt,timeZone,reminders,recurrence,recurrenceMode,seriesId,completedAt,createdAt,updatedAt");
    expect(csvText).to.include('"Plain, with ""quotes"""').and.to.include('"two\nlines"');

    const bob = await apiAs(`import-${run}`);
    const first = await bob.call("POST", "/import", exported);
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ total: 4, created: 4, existing: 0 });
    const imported = await allTasks(bob);
    expect(imported.map(comparable)).to.deep.equal(source.map(comparable));

    const again = await bob.call("POST", "/import", exported);
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ total: 4, created: 0, existing: 4 });
    expect(again.body.items.map((i: any) => i.id)).to.deep.equal(first.body.items.map((i: any) => i.id));
    expect(await allTasks(bob)).to.have.length(4);

    // Created through the actors, hence audited.
    const history = await eventually(() => bob.call("GET", `/tasks/${first.body.items[0].id}/history`), (r) => r.status === 200 && r.body.items.length >= 1, 20_000, "imported task's history");
    expect(history.body.items[0].type).to.equal("tickler.task.created.v1");
  });

  const TODOIST = [
    "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG",
    "section,Errands,,,,,,,,,,,,",
    'task,Buy milk @shopping,"2 litres, semi-skimmed",1,1,Ada (123),,2030-12-01 09:00,en,Europe/Berlin,,,,',
    'note,"Remember the ""good"" brand",,,,Ada (123),,,,,,,,',
    "task,Call mom,,4,1,Ada (123),,every sunday at 18:00,en,Europe/Berlin,,,,",
    "task,Read book,,3,2,Ada (123),,,en,,,,,",
    "task,File taxes,,2,1,Ada (123),,,en,,,,,",
  ].join("\r\n");

  it("imports a Todoist CSV export once, however often it is sent", async () => {
    const carol = await apiAs(`todoist-${run}`);
    const first = await send(carol, "POST", "/import", TODOIST, "text/csv");
    expect(first.status, first.text).to.equal(200);
    expect(first.json).to.include({ total: 4, created: 4, existing: 0 });
    const tasks = await allTasks(carol);
    const byTitle = Object.fromEntries(tasks.map((t) => [t.title, t]));
    expect(Object.keys(byTitle).sort()).to.deep.equal(["Buy milk", "Call mom", "File taxes", "Read book"]);
    expect(byTitle["Buy milk"]).to.include({ priority: "high", dueAt: "2030-12-01T08:00:00.000Z", timeZone: "Europe/Berlin", description: '2 litres, semi-skimmed\n\nRemember the "good" brand' });
    expect(byTitle["Buy milk"].tags).to.deep.equal(["shopping"]);
    expect(byTitle["Call mom"].recurrence).to.include({ rule: "FREQ=WEEKLY;BYDAY=SU", mode: "schedule" });
    expect([byTitle["Call mom"].priority, byTitle["Read book"].priority, byTitle["File taxes"].priority]).to.deep.equal(["none", "low", "medium"]);
    // INDENT 2 under the INDENT 1 task above it: a subtask.
    expect([byTitle["Read book"].parentId, byTitle["Call mom"].parentId, byTitle["File taxes"].parentId]).to.deep.equal([byTitle["Call mom"].id, null, null]);

    const again = await send(carol, "POST", "/import", TODOIST, "text/csv");
    expect(again.json).to.include({ created: 0, existing: 4 });
    expect(await allTasks(carol)).to.have.length(4);
  });

  it("keeps subtasks across an export and an import, and imports a file's odd links (a cycle, a missing parent) as top-level tasks", async () => {
    const erin = await apiAs(`subtasks-export-${run}`);
    const parent = await erin.call("POST", "/tasks", { title: "Move house" });
    const child = await erin.call("POST", "/tasks", { title: "Book the van", parentId: parent.body.id });
    await erin.call("POST", "/tasks", { title: "Compare prices", parentId: child.body.id });
    const exported = (await erin.call("GET", "/export")).body;

    const frank = await apiAs(`subtasks-import-${run}`);
    const first = await send(frank, "POST", "/import", JSON.stringify(exported), "application/json");
    expect(first.status, first.text).to.equal(200);
    expect(first.json).to.include({ total: 3, created: 3 });
    const byTitle = Object.fromEntries((await allTasks(frank)).map((t) => [t.title, t]));
    expect(byTitle["Move house"].parentId).to.equal(null);
    expect(byTitle["Book the van"].parentId).to.equal(byTitle["Move house"].id);
    expect(byTitle["Compare prices"].parentId).to.equal(byTitle["Book the van"].id);
    expect(byTitle["Move house"].id, "a new task, not erin's").to.not.equal(parent.body.id);
    const again = await send(frank, "POST", "/import", JSON.stringify(exported), "application/json");
    expect(again.json).to.include({ created: 0, existing: 3 });

    // Ids as an export writes them (the document's parentId is a task id): the links, not their shape, are odd.
    const [a, b, c, missing] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const odd = { format: "tickler.export", version: 1, tasks: [
      { id: a, title: "In a cycle A", parentId: b }, { id: b, title: "In a cycle B", parentId: a }, { id: c, title: "Orphan", parentId: missing },
    ] };
    const grace = await apiAs(`subtasks-odd-${run}`);
    const res = await send(grace, "POST", "/import", JSON.stringify(odd), "application/json");
    expect(res.status, res.text).to.equal(200);
    const tasks = Object.fromEntries((await allTasks(grace)).map((t) => [t.title, t]));
    expect(tasks["Orphan"].parentId).to.equal(null);
    // One link of the cycle is cut; the other is kept.
    expect([tasks["In a cycle A"].parentId, tasks["In a cycle B"].parentId].filter((p) => p === null)).to.have.length(1);
  });

  it("carries lists and their manual order across an export and an import, and imports a Todoist project into a list of its name", async () => {
    const hank = await apiAs(`lists-export-${run}`);
    const groceries = (await hank.call("POST", "/lists", { name: "Groceries", colour: "#22aa55" })).body.id as string;
    const eggs = (await hank.call("POST", "/tasks", { title: "Eggs", listId: groceries })).body;
    const bread = (await hank.call("POST", "/tasks", { title: "Bread", listId: groceries })).body;
    await hank.call("POST", "/tasks", { title: "Rye", listId: groceries, parentId: bread.id });
    // Bread before Eggs: a manual order the import must keep.
    const [lo] = (await hank.call("GET", `/tasks?list=${groceries}&sort=position`)).body.items.map((t: any) => t.position);
    expect((await hank.call("PATCH", `/tasks/${bread.id}`, { position: keyBetween(null, lo) })).status).to.equal(200);
    await hank.call("POST", "/tasks", { title: "Inbox thing" });
    const order = async (api: Api, listId: string) => (await api.call("GET", `/tasks?list=${listId}&sort=position`)).body.items.map((t: any) => t.title);
    expect(await order(hank, groceries)).to.deep.equal(["Bread", "Eggs", "Rye"]);
    const exported = (await hank.call("GET", "/export")).body;
    expect(exported.lists.map((l: any) => [l.name, l.inbox])).to.have.deep.members([["Inbox", true], ["Groceries", false]]);
    expect(exported.tasks.find((t: any) => t.id === eggs.id).listId).to.equal(groceries);

    const ivy = await apiAs(`lists-import-${run}`);
    const first = await send(ivy, "POST", "/import", JSON.stringify(exported), "application/json");
    expect(first.status, first.text).to.equal(200);
    expect(first.json).to.include({ total: 4, created: 4 });
    expect(first.json.lists).to.have.length(1);
    expect(first.json.lists[0]).to.include({ name: "Groceries", outcome: "created" });
    const made = first.json.lists[0].id as string;
    expect(made, "the importer's own list, not hank's").to.not.equal(groceries);
    const mine = (await ivy.call("GET", "/lists")).body.items.find((l: any) => l.id === made);
    expect(mine).to.include({ name: "Groceries", colour: "#22aa55", ownerId: ivy.user });
    expect(await order(ivy, made)).to.deep.equal(["Bread", "Eggs", "Rye"]);
    const byTitle = Object.fromEntries((await allTasks(ivy)).map((t) => [t.title, t]));
    expect(byTitle["Rye"].parentId).to.equal(byTitle["Bread"].id);
    expect(byTitle["Inbox thing"].listId, "the exporter's Inbox is the importer's").to.not.equal(made);
    const again = await send(ivy, "POST", "/import", JSON.stringify(exported), "application/json");
    expect(again.json).to.include({ created: 0, existing: 4 });
    expect(again.json.lists).to.deep.equal([{ id: made, name: "Groceries", outcome: "existing" }]);
    expect((await ivy.call("GET", "/lists")).body.items.filter((l: any) => l.name === "Groceries")).to.have.length(1);

    // A Todoist CSV is one project: ?listName= makes a list of that name (once), ?list= takes an existing one.
    const project = await send(ivy, "POST", "/import?listName=Home%20projects", TODOIST, "text/csv");
    expect(project.status, project.text).to.equal(200);
    const projectList = project.json.lists[0].id as string;
    expect(await order(ivy, projectList)).to.have.members(["Buy milk", "Call mom", "Read book", "File taxes"]);
    expect((await send(ivy, "POST", "/import?listName=Home%20projects", TODOIST, "text/csv")).json.lists[0]).to.include({ id: projectList, outcome: "existing" });
    const both = await send(ivy, "POST", `/import?list=${made}&listName=x`, TODOIST, "text/csv");
    expect(both.status).to.equal(400);
    expect(both.json.errors[0].path).to.equal("listName");
    expect((await send(hank, "POST", `/import?list=${made}`, TODOIST, "text/csv")).status, "another user's list").to.equal(404);
  });

  it("answers problem+json naming the rows, and imports nothing from a file with any bad row", async () => {
    const dave = await apiAs(`import-bad-${run}`);
    const bad = [TODOIST.split("\r\n")[0], "task,Fine,,1,,,,,,,,,,", "task,,,1,,,,,,,,,,", "task,When?,,1,,,,someday maybe,en,,,,,", "task,Odd,,9,,,,,,,,,,"].join("\n");
    const res = await send(dave, "POST", "/import", bad, "text/csv");
    expect(res.status).to.equal(400);
    expect(res.type).to.match(/^application\/problem\+json/);
    expect(res.json.errors.map((e: any) => e.path).sort()).to.deep.equal(["row 3.CONTENT", "row 4.DATE", "row 5.PRIORITY"]);
    expect(await allTasks(dave)).to.have.length(0);

    const badJson = await dave.call("POST", "/import", { format: "tickler.export", version: 1, tasks: [{ id: "x", title: "ok" }, { id: "y", title: "bad", dueAt: "tomorrow" }] });
    expect(badJson.status).to.equal(400);
    expect(badJson.body.errors.map((e: any) => e.path)).to.deep.equal(["tasks.1.dueAt"]);
    // A rule over several fields (found by the fuzzer): refused with its row before any row is created, not by the actor halfway through.
    const crossField = await dave.call("POST", "/import", { format: "tickler.export", version: 1, tasks: [{ id: "x", title: "ok" }, { id: "y", title: "no due date", reminders: [{ before: "PT5M" }] }] });
    expect(crossField.status).to.equal(400);
    expect(crossField.body.errors.map((e: any) => e.path)).to.deep.equal(["tasks.1.dueAt"]);
    expect(crossField.body.detail).to.match(/nothing was imported/);
    // Bounds: more than 5,000 rows is a 400 and more than 5 MiB a 413, both before anything is created.
    const header = TODOIST.split("\r\n")[0];
    const tooMany = await send(dave, "POST", "/import", [header, ...Array.from({ length: 5001 }, (_, i) => `task,t${i},,4,,,,,,,,,,`)].join("\n"), "text/csv");
    expect(tooMany.status).to.equal(400);
    expect(tooMany.json.detail).to.match(/at most 5000 rows/);
    const tooBig = await send(dave, "POST", "/import", `${header}\ntask,"${"x".repeat(5 * 1024 * 1024)}",,4,,,,,,,,,,`, "text/csv");
    expect(tooBig.status).to.equal(413);
    expect((await send(dave, "POST", "/import", "hello", "text/plain")).status).to.equal(415);
    expect((await send(dave, "POST", "/import", "not json", "application/json")).status).to.equal(400);
    expect(await allTasks(dave)).to.have.length(0);
  });

  it("refuses a 5 MiB Todoist import of long cells with a 400 naming row and column, imports nothing, and serves another user meanwhile", async () => {
    const frank = await apiAs(`import-long-${run}`);
    const grace = await apiAs(`import-neighbour-${run}`);
    await grace.call("POST", "/tasks", { title: "mine" });
    const header = TODOIST.split("\r\n")[0]!;
    // Just under the 5 MiB body limit: 5000 rows, each DATE 1000 characters of date words (the limit is 200).
    const longDate = "every day tomorrow at 5pm remind me 1 day ".repeat(25).slice(0, 1000);
    const longRows = [header, ...Array.from({ length: 5000 }, (_, i) => `task,Row ${i},,4,,,,${longDate},en,,,,,`)].join("\n");
    expect(Buffer.byteLength(longRows)).to.be.above(5_000_000).and.at.most(5 * 1024 * 1024);
    // The longest cells allowed, all parsed: 5000 DATE cells of 200 characters that are no date (each still costs a parse).
    const maxDate = "every 2 2 2 2 12 ".repeat(12).slice(0, 200);
    const maxRows = [header, ...Array.from({ length: 5000 }, (_, i) => `task,Row ${i},,4,,,,${maxDate},en,,,,,`)].join("\n");

    for (const [label, body, message] of [["over-long DATE cells", longRows, "must be at most 200 characters"], ["200-character DATE cells", maxRows, `"${maxDate.trim()}" is not a date Tickler can read`]] as const) {
      const latencies: number[] = [];
      let importing = true;
      const started = Date.now();
      const imported = send(frank, "POST", "/import", body, "text/csv").finally(() => { importing = false; });
      // Another user's reads while the import is being checked: each must be answered; how fast is reported.
      const neighbour = (async () => {
        while (importing) {
          const t = performance.now();
          const list = await grace.call("GET", "/tasks");
          latencies.push(performance.now() - t);
          expect(list.status).to.equal(200);
          expect(list.body.items.map((x: any) => x.title)).to.deep.equal(["mine"]);
        }
      })();
      const res = await imported;
      await neighbour;
      const took = Date.now() - started;
      expect(res.status, res.text.slice(0, 500)).to.equal(400);
      expect(res.type).to.match(/^application\/problem\+json/);
      expect(res.json.detail).to.match(/nothing was imported/);
      expect(res.json.errors).to.have.length(100);
      expect(res.json.errors[0]).to.deep.equal({ path: "row 2.DATE", message });
      expect(res.json.errors.every((e: any) => /^row \d+\.DATE$/.test(e.path))).to.equal(true);
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0) : "-");
      process.stdout.write(`      import of ${label} (${(Buffer.byteLength(body) / 1048576).toFixed(2)} MiB): 400 in ${took} ms; another user's GET /tasks meanwhile: n=${sorted.length} p50 ${at(0.5)} ms, max ${at(1)} ms\n`);
    }
    expect(await allTasks(frank)).to.have.length(0);
  });

  it("imports 500 rows through the actors and reports how long it took", async () => {
    const erin = await apiAs(`import-size-${run}`);
    const rows = Array.from({ length: 500 }, (_, i) => `task,Item ${i} @bulk,,${(i % 4) + 1},1,,,2031-01-${String((i % 28) + 1).padStart(2, "0")} 09:00,en,Europe/Berlin,,,,`);
    const started = Date.now();
    const res = await send(erin, "POST", "/import", [TODOIST.split("\r\n")[0], ...rows].join("\n"), "text/csv");
    const ms = Date.now() - started;
    expect(res.status, res.text).to.equal(200);
    expect(res.json).to.include({ total: 500, created: 500 });
    process.stdout.write(`      import: 500 Todoist rows created through their actors in ${ms} ms (${Math.round(500_000 / ms)} tasks/s)\n`);
    const again = Date.now();
    expect((await send(erin, "POST", "/import", [TODOIST.split("\r\n")[0], ...rows].join("\n"), "text/csv")).json).to.include({ created: 0, existing: 500 });
    process.stdout.write(`      import: the same 500 again (all existing) in ${Date.now() - again} ms\n`);
  });
});
