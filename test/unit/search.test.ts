import { expect } from "chai";
import fc from "fast-check";
import { foldForSearch, matchesSearch, MAX_SEARCH_TERMS, MAX_SEARCH_WORD, parseSearch, searchTextOf, searchWordsOf } from "../../src/domain/search.js";

const task = (title: string, description = "", tags: string[] = []) => ({ title, description, tags });
const finds = (t: ReturnType<typeof task>, q: string) => {
  const parsed = parseSearch(q);
  return parsed !== null && matchesSearch(t, parsed);
};

describe("search (pure)", () => {
  it("folds case, accents and compatibility forms", () => {
    expect(foldForSearch("Café ÉCOLE ﬁle Ⅻ")).to.equal("cafe ecole file xii");
    expect(searchWordsOf(task("Crème brûlée", "naïve Zürich", ["Ärger"]))).to.deep.equal(["arger", "brulee", "creme", "naive", "zurich"]);
  });

  it("finds a task when every word begins a word of its title, description or tags", () => {
    const t = task("Pay the invoice", "for the garden shed", ["money"]);
    expect(finds(t, "inv")).to.equal(true);
    expect(finds(t, "INVOICE garden")).to.equal(true);
    expect(finds(t, "mon shed")).to.equal(true);
    expect(finds(t, "voice")).to.equal(false, "inside a word is not the beginning of one");
    expect(finds(t, "invoice kitchen")).to.equal(false, "every word must match");
    expect(finds(task("Café"), "cafe")).to.equal(true);
    expect(finds(task("cafe"), "CAFÉ")).to.equal(true);
  });

  it('matches "a phrase" as those words in a row, within one field, the last one as a beginning', () => {
    const t = task("Paint the house", "then the garden", ["blue"]);
    expect(finds(t, '"paint the house"')).to.equal(true);
    expect(finds(t, '"paint the hou"')).to.equal(true);
    expect(finds(t, '"the paint"')).to.equal(false);
    expect(finds(t, '"pai the house"')).to.equal(false, "only the last word of a phrase may be a beginning");
    expect(finds(t, '"house then"')).to.equal(false, "a phrase does not run from the title into the description");
    expect(finds(t, '"paint the house" blue')).to.equal(true);
    expect(finds(t, '"paint the')).to.equal(true, "an unclosed quote runs to the end");
  });

  it("reads a query: longest word first, words that begin another dropped, at most MAX_SEARCH_TERMS", () => {
    expect(parseSearch("inv invoice x")).to.deep.equal({ prefixes: ["invoice", "x"], phrases: [] });
    expect(parseSearch('"one" two')).to.deep.equal({ prefixes: ["one", "two"], phrases: [] }, "one quoted word is a word");
    expect(parseSearch("?!… --")).to.equal(null);
    const many = parseSearch(Array.from({ length: 20 }, (_, i) => `w${String(i).padStart(2, "0")}`).join(" "))!;
    expect(many.prefixes).to.have.length(MAX_SEARCH_TERMS);
  });

  it("cuts words at MAX_SEARCH_WORD in the task and in the query alike", () => {
    const long = "x".repeat(MAX_SEARCH_WORD + 10);
    expect(searchWordsOf(task(long))).to.deep.equal(["x".repeat(MAX_SEARCH_WORD)]);
    expect(finds(task(long), long)).to.equal(true);
  });

  it("keeps fields apart in the phrase text", () => {
    expect(searchTextOf(task("A b", "c", ["d"]))).to.equal(" a b \n c \n d ");
  });

  it("property: any beginning of any word of a task finds it; a word no word begins with does not", () => {
    const word = fc.stringMatching(/^[a-zé]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.array(word, { maxLength: 6 }), fc.nat(), fc.nat(), (titleWords, descWords, pick, cut) => {
        const t = task(titleWords.join(" "), descWords.join(" "));
        const all = [...titleWords, ...descWords];
        const chosen = foldForSearch(all[pick % all.length]!);
        const prefix = chosen.slice(0, 1 + (cut % chosen.length));
        expect(finds(t, prefix.toUpperCase())).to.equal(true);
        const absent = "q" + prefix;
        const expected = searchWordsOf(t).some((w) => w.startsWith(absent));
        expect(finds(t, absent)).to.equal(expected);
      }),
      { numRuns: 300 },
    );
  });
});
