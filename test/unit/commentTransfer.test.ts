/** Comments in the export file and back (src/domain/commentTransfer.ts, src/api/export/ticklerFile.ts). */
import { expect } from "chai";
import { carriedComments, importedComment, MAX_EXPORT_COMMENTS, type Comment } from "../../src/domain/index.js";
import { importFileSchema, ticklerDrafts } from "../../src/api/export/ticklerFile.js";

const comment = (taskId: string, n: number): Comment => ({ id: `${taskId}-c${n}`, taskId, authorId: "ada", text: `say ${n}`, createdAt: `2026-12-0${n}T10:00:00.000Z`, editedAt: null });
const fileComment = (id: string, extra: Record<string, unknown> = {}) => ({ id, authorId: "ada", text: `text of ${id}`, createdAt: "2026-12-01T10:00:00.000Z", editedAt: null, ...extra });
const file = (tasks: unknown[]) => ({ format: "tickler.export", version: 1, tasks });

describe("comments in the export (carriedComments)", () => {
  it("carries every task's comments, none included, while they fit", () => {
    const rows = [comment("a", 1), comment("a", 2), comment("c", 1)];
    const { carried, full } = carriedComments(["a", "b", "c"], rows, 3);
    expect(full).to.equal(false);
    expect([...carried.entries()].map(([id, list]) => [id, list.map((c) => c.id)])).to.deep.equal([["a", ["a-c1", "a-c2"]], ["b", []], ["c", ["c-c1"]]]);
  });

  it("past the cap leaves out the task the cut falls in and every later one, whole", () => {
    // Asked for room + 1 = 3: the third row shows the cut falls in b's comments.
    const rows = [comment("a", 1), comment("b", 1), comment("b", 2)];
    const { carried, full } = carriedComments(["a", "b", "c"], rows, 2);
    expect(full).to.equal(true);
    expect([...carried.keys()]).to.deep.equal(["a"]);
    expect(carried.get("a")!.map((c) => c.id)).to.deep.equal(["a-c1"]);
    expect(MAX_EXPORT_COMMENTS).to.equal(20_000);
  });
});

describe("comments in the import", () => {
  it("makes the importer the author, keeps the file's author and times in importedFrom, and the file's order in createdAt", () => {
    const now = new Date("2026-12-06T08:00:00.000Z");
    const made = [0, 1].map((i) => importedComment({ authorId: "cem", text: `t${i}`, createdAt: "2026-11-01T10:00:00.000Z", editedAt: i ? "2026-11-02T10:00:00.000Z" : null }, { id: `id${i}`, taskId: "t", importerId: "bob" }, i, now));
    expect(made[0]).to.deep.equal({ id: "id0", taskId: "t", authorId: "bob", text: "t0", createdAt: "2026-12-06T08:00:00.000Z", editedAt: null, importedFrom: { authorId: "cem", createdAt: "2026-11-01T10:00:00.000Z", editedAt: null } });
    expect(made[1]!.createdAt > made[0]!.createdAt).to.equal(true);
    expect(made[1]!.importedFrom!.editedAt).to.equal("2026-11-02T10:00:00.000Z");
  });

  it("drafts each task's checked comments in the file's order; an earlier import's importedFrom is ignored", () => {
    const parsed = importFileSchema.parse(file([{ id: "t1", title: "x", comments: [fileComment("b", { taskId: "t1" }), fileComment("a", { importedFrom: { authorId: "zed" } })] }, { id: "t2", title: "y" }]));
    const { drafts, problems } = ticklerDrafts(parsed);
    expect(problems).to.deep.equal([]);
    expect(drafts[0]!.comments!.map((c) => c.id)).to.deep.equal(["b", "a"]);
    expect(drafts[0]!.comments![1]).to.deep.equal({ id: "a", authorId: "ada", text: "text of a", createdAt: "2026-12-01T10:00:00.000Z", editedAt: null });
    expect(drafts[1]!.comments).to.equal(undefined);
  });

  it("names each bad comment by task and index: its text, author, time, a repeated id, another task's id, too many mentions", () => {
    const mentions = Array.from({ length: 11 }, (_, i) => `@u${i}`).join(" ");
    const parsed = importFileSchema.parse(file([
      { id: "t1", title: "x", comments: [fileComment("a", { text: "   " }), fileComment("b", { authorId: "" }), fileComment("c", { createdAt: "yesterday" }), fileComment("d"), fileComment("d")] },
      { id: "t2", title: "y", comments: [fileComment("e", { taskId: "t1" }), fileComment("f", { text: mentions }), "not a comment"] },
    ]));
    const { problems } = ticklerDrafts(parsed);
    expect(problems.map((p) => `${p.row}.${p.column}`)).to.deep.equal([
      "0.comments.0.text", "0.comments.1.authorId", "0.comments.2.createdAt", "0.comments.4.id", "1.comments.0.taskId", "1.comments.1.text", "1.comments.2",
    ]);
  });

  it("refuses before reading further: a text over 2,000 characters, more than 200 comments on a task, more than 20,000 in the file", () => {
    const paths = (input: unknown) => {
      const result = importFileSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(paths(file([{ id: "t", title: "x", comments: [fileComment("a", { text: "x".repeat(2001) })] }]))).to.deep.equal(["tasks.0.comments.0.text: must be at most 2000 characters"]);
    expect(paths(file([{ id: "t", title: "x", comments: Array.from({ length: 200 }, (_, i) => fileComment(`c${i}`)) }]))).to.deep.equal([]);
    expect(paths(file([{ id: "t", title: "x", comments: Array.from({ length: 201 }, (_, i) => fileComment(`c${i}`)) }]))).to.deep.equal(["tasks.0.comments: at most 200 items"]);
    const full = Array.from({ length: 101 }, (_, t) => ({ id: `t${t}`, title: "x", comments: Array.from({ length: 200 }, (_, i) => fileComment(`c${i}`)) }));
    expect(paths(file(full))).to.deep.equal(["tasks: at most 20000 comments per import"]);
  });
});
