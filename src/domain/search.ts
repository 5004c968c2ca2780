/**
 * Search over a user's tasks, decided here and executed by the read model
 * through an index (docs/adr/0010-search-index.md): every word of a query
 * must begin a word of the task's title, description or tags, compared
 * without case or accents; text in double quotes must also appear as that
 * sequence of words. Pure: the read model stores `searchWordsOf` in a
 * multikey index and `searchTextOf` for phrases, and the query planner turns
 * `parseSearch` into prefix ranges over that index.
 */

/** The longest word kept: longer words are cut here, in the stored words and in a query alike. */
export const MAX_SEARCH_WORD = 40;
/** The most words (and phrases) of one query that are matched; the rest are ignored. */
export const MAX_SEARCH_TERMS = 8;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case, compatibility-decomposed, accents and other combining marks dropped. */
export function foldForSearch(text: string): string {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** The folded words of `text`, in order, each cut to MAX_SEARCH_WORD (linear in the text). */
export function searchWords(text: string): string[] {
  return (foldForSearch(text).match(WORD) ?? []).map((w) => w.slice(0, MAX_SEARCH_WORD));
}

interface Searchable {
  title: string;
  description: string;
  tags: string[];
}

/** The distinct words a task can be found by, sorted (the multikey index's entries). */
export function searchWordsOf(task: Searchable): string[] {
  return [...new Set([task.title, task.description, ...task.tags].flatMap(searchWords))].sort();
}

/** A month of a task's creation as its words' month keys name it: "2026-12" of an ISO instant (UTC). */
export function monthOf(createdAt: string): string {
  return createdAt.slice(0, 7);
}

/** The month before "YYYY-MM". */
export function monthBefore(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${String(year - 1).padStart(4, "0")}-12` : `${month.slice(0, 4)}-${String(m - 1).padStart(2, "0")}`;
}

/** The month after "YYYY-MM". */
export function monthAfter(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${String(year + 1).padStart(4, "0")}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * A task's words keyed for the store to find by one range (docs/adr/0029-search-by-month.md):
 * `byOwner` each after its owner's search scope ("k3J9xQ2a invoice"), and
 * `byMonth` each after the scope and the month it was created in
 * ("k3J9xQ2a 2026-12 invoice"), so one owner's tasks that hold a word, or
 * one month's of them, are one range of a single-field multikey index.
 * `scope` holds no space.
 */
export function scopedWordsOf(scope: string, words: string[], createdAt: string): { byOwner: string[]; byMonth: string[] } {
  const month = monthOf(createdAt);
  return { byOwner: words.map((w) => `${scope} ${w}`), byMonth: words.map((w) => `${scope} ${month} ${w}`) };
}

/** The range of an owner's keyed words that begin with `prefix`. */
export function ownerWordRange(scope: string, prefix: string): { $gte: string; $lt: string } {
  return { $gte: `${scope} ${prefix}`, $lt: `${scope} ${prefixEnd(prefix)}` };
}

/** The range of an owner's month's keyed words that begin with `prefix`. */
export function monthWordRange(scope: string, month: string, prefix: string): { $gte: string; $lt: string } {
  return ownerWordRange(scope, `${month} ${prefix}`);
}

/** The range of an owner's keyed words of every month after `month`. */
export function monthsAfterRange(scope: string, month: string): { $gte: string; $lt: string } {
  return { $gte: `${scope} ${monthAfter(month)}`, $lt: `${scope} ${prefixEnd("")}` };
}

/**
 * The task's words joined by single spaces, with a space at each end, per
 * field on a line of its own: a phrase is found as " w1 w2 " within one line
 * (never across the title's end and the description's start).
 */
export function searchTextOf(task: Searchable): string {
  return [task.title, task.description, ...task.tags].map((field) => ` ${searchWords(field).join(" ")} `).join("\n");
}

export interface SearchQuery {
  /** Every word must begin a word of the task (prefix match), longest first (the most selective leads). */
  prefixes: string[];
  /** Every phrase (two or more words in quotes) must appear as these words in a row. */
  phrases: string[][];
}

/**
 * Reads a query: words, and phrases in double quotes (an unclosed quote runs
 * to the end). Null when it holds no word at all (only punctuation), which
 * the route refuses.
 */
export function parseSearch(q: string): SearchQuery | null {
  const phrases: string[][] = [];
  const words: string[] = [];
  q.split('"').forEach((part, i) => {
    const partWords = searchWords(part);
    words.push(...partWords);
    // Odd parts are inside quotes; one quoted word is just a word.
    if (i % 2 === 1 && partWords.length > 1) phrases.push(partWords);
  });
  if (words.length === 0) return null;
  // A word that begins a longer query word adds nothing: "inv invoice" is "invoice".
  const distinct = [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const prefixes = distinct.filter((w, i) => !distinct.slice(0, i).some((longer) => longer.startsWith(w)));
  return { prefixes: prefixes.slice(0, MAX_SEARCH_TERMS), phrases: phrases.slice(0, MAX_SEARCH_TERMS) };
}

/** The smallest string above every string that starts with `prefix` (its range's exclusive end). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

/** The same decision as the read model's query, for one task (tests and in-memory fakes). */
export function matchesSearch(task: Searchable, query: SearchQuery): boolean {
  const words = searchWordsOf(task);
  const text = searchTextOf(task);
  return (
    query.prefixes.every((p) => words.some((w) => w.startsWith(p))) &&
    query.phrases.every((phrase) => text.includes(` ${phrase.join(" ")} `.slice(0, -1)))
  );
}
