/** @mentions in a comment (src/domain/mentions.ts): the syntax, its bounds, and properties on generated text. */
import { expect } from "chai";
import fc from "fast-check";
import { MAX_MENTION_LENGTH, mentionsIn, newlyMentioned } from "../../src/domain/index.js";

describe("mentions (src/domain/mentions.ts)", () => {
  it("reads @name and @[any id], each once, in order of first mention", () => {
    expect(mentionsIn("@ada can you and @cem-2 look? thanks @ada")).to.deep.equal(["ada", "cem-2"]);
    expect(mentionsIn("ask @[auth0|123] or @[Bo Li]")).to.deep.equal(["auth0|123", "Bo Li"]);
    expect(mentionsIn("@a.b_c-d")).to.deep.equal(["a.b_c-d"]);
    expect(mentionsIn("(@ada), @bo: and\n@cy")).to.deep.equal(["ada", "bo", "cy"]);
  });

  it("leaves a sentence's end out of a name", () => {
    expect(mentionsIn("thanks @ada.")).to.deep.equal(["ada"]);
    expect(mentionsIn("thanks @ada... and @bo-!")).to.deep.equal(["ada", "bo"]);
  });

  it("reads no mention in an email address, a lone @, or a bracket left open, empty, padded or over lines", () => {
    for (const text of ["mail ada@example.com", "@", "@ @", "@.ada", "@_x", "@[", "@[]", "@[ ada]", "@[ada", "@[a\nb]", "x@[ada]"]) {
      expect(mentionsIn(text), text).to.deep.equal([]);
    }
  });

  it("bounds an id at MAX_MENTION_LENGTH characters", () => {
    expect(mentionsIn(`@${"a".repeat(MAX_MENTION_LENGTH)}`)).to.deep.equal(["a".repeat(MAX_MENTION_LENGTH)]);
    expect(mentionsIn(`@${"a".repeat(MAX_MENTION_LENGTH + 1)}`)).to.deep.equal([]);
    expect(mentionsIn(`@[${"a".repeat(MAX_MENTION_LENGTH + 1)}]`)).to.deep.equal([]);
  });

  it("notifies only whom an edit newly mentions, never the author", () => {
    expect(newlyMentioned(null, "@ada @cem @me", "me")).to.deep.equal(["ada", "cem"]);
    expect(newlyMentioned("@ada", "@ada and @bo", "me")).to.deep.equal(["bo"]);
    expect(newlyMentioned("@ada and @bo", "@bo", "me")).to.deep.equal([]);
  });

  describe("properties", () => {
    const piece = fc.constantFrom("@", "@[", "]", " ", ".", "-", "_", "a", "Z", "7", "\n", "é", "|", "x@", "ada", "@ada", "@[b c]");
    const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(""));

    it("finds each mention written as @[id] or @name between spaces (on a line of their own), and nothing that is not in the text", () => {
      const name = fc.stringMatching(/^[a-zA-Z\d](?:[\w.-]{0,10}[a-zA-Z\d])?$/);
      fc.assert(fc.property(text, fc.array(name, { maxLength: 5 }), (noise, names) => {
        // A line of its own: an open bracket in the noise could otherwise take the first mention into its id (a line break ends it).
        const written = `${noise}\n${names.map((n, i) => (i % 2 ? `@[${n}]` : `@${n}`)).join(" ")} `;
        const found = mentionsIn(written);
        for (const n of names) expect(found).to.include(n);
        for (const f of found) expect(written).to.include(f);
        expect(new Set(found).size).to.equal(found.length);
      }));
    });

    it("is linear: a worst-case 2,000-character text (all @, brackets or dashes) parses in under 20 ms", () => {
      for (const worst of ["@[".repeat(1000), "@a".repeat(1000), `@${"a-".repeat(999)}`, "@[a".repeat(666)]) {
        const started = performance.now();
        for (let i = 0; i < 20; i++) mentionsIn(worst);
        expect((performance.now() - started) / 20, worst.slice(0, 6)).to.be.below(20);
      }
    });

    it("newly mentioned ⊆ mentioned after, disjoint from before, without the author", () => {
      fc.assert(fc.property(fc.option(text), text, fc.constantFrom("ada", "me"), (before, after, author) => {
        const fresh = newlyMentioned(before, after, author);
        const earlier = before === null ? [] : mentionsIn(before);
        for (const u of fresh) {
          expect(mentionsIn(after)).to.include(u);
          expect(earlier).not.to.include(u);
          expect(u).not.to.equal(author);
        }
      }));
    });
  });
});
