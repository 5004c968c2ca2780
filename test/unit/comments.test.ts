import { expect } from "chai";
import { LIST_ROLES, mayDeleteComment, mayEditComment } from "../../src/domain/index.js";
import { commentInput } from "../../src/api/comments/routes.js";

describe("comments (src/domain/comments.ts)", () => {
  it("lets only the author edit, and the author or the list's owner delete", () => {
    const c = { authorId: "cem" };
    expect(mayEditComment(c, "cem")).to.equal(true);
    expect(mayEditComment(c, "ada")).to.equal(false);
    for (const role of LIST_ROLES) expect(mayDeleteComment(c, "ada", role), role).to.equal(role === "owner");
    expect(mayDeleteComment(c, "ada", null)).to.equal(false);
    expect(mayDeleteComment(c, "cem", "viewer")).to.equal(true);
  });

  it("takes plain text, trimmed and bounded, and nothing else", () => {
    expect(commentInput.parse({ text: "  hi\nthere " })).to.deep.equal({ text: "hi\nthere" });
    for (const bad of [{}, { text: "" }, { text: "   " }, { text: "x".repeat(2001) }, { text: "a\u0007b" }, { text: "ok", extra: 1 }]) {
      expect(commentInput.safeParse(bad).success, JSON.stringify(bad).slice(0, 30)).to.equal(false);
    }
    // The bound counts characters, not UTF-16 units.
    expect(commentInput.safeParse({ text: "😀".repeat(2000) }).success).to.equal(true);
  });
});
