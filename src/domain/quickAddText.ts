/**
 * The text of a quick add as it is taken apart: the original (for the title and
 * the spans reported back) and a working copy in which protected and consumed
 * characters are blanked out, so later finders (and chrono) never see them and
 * every index still points into the original.
 *
 * Linear in the length of the text: blanking only marks characters, and the
 * working copy is rebuilt at most once per change between reads (the finders
 * read it whole a fixed number of times per parse); `window` reads a bounded
 * piece without rebuilding it.
 */
import { quickAddWork } from "./quickAddWork.js";

export class QuickText {
  private readonly taken: Uint8Array;
  private readonly blocked: Uint8Array;
  /** The working copy as last built; null after a change. */
  private work: string | null;

  constructor(readonly original: string) {
    this.work = original;
    this.taken = new Uint8Array(original.length);
    this.blocked = new Uint8Array(original.length);
  }

  /** What the finders may still read. */
  get remaining(): string {
    this.work ??= this.render(0, this.original.length);
    return this.work;
  }

  /** remaining.slice(start, end), without rebuilding all of it. */
  window(start: number, end: number): string {
    const to = Math.min(end, this.original.length);
    return this.work !== null ? this.work.slice(start, to) : this.render(start, to);
  }

  /** Hides [start, end) from the finders but keeps it in the title ("quotes protect words"). */
  protect(start: number, end: number): void {
    this.blank(start, end);
  }

  /** Marks [start, end) as used for a field: hidden from the finders, removed from the title. */
  take(start: number, end: number): void {
    this.blank(start, end);
    this.taken.fill(1, start, end);
  }

  /**
   * A filler that is neither a word character nor a space: the finders must
   * not read across a blanked span ("at every days 3" is no "at 3"), nor glue
   * its neighbours into one word.
   */
  private blank(start: number, end: number): void {
    if (end <= start) return;
    this.blocked.fill(1, start, end);
    this.work = null;
  }

  /** The working copy of [start, end): original runs and blanked runs, each copied once. */
  private render(start: number, end: number): string {
    quickAddWork.renderedChars += Math.max(0, end - start);
    let out = "";
    let i = start;
    while (i < end) {
      const blocked = this.blocked[i];
      let j = i + 1;
      while (j < end && this.blocked[j] === blocked) j++;
      out += blocked ? BLANK.repeat(j - i) : this.original.slice(i, j);
      i = j;
    }
    return out;
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.blocked[i]) return false;
    return true;
  }

  /** The original without the taken characters, whitespace collapsed. */
  title(): string {
    const parts: string[] = [];
    let i = 0;
    while (i < this.original.length) {
      const taken = this.taken[i];
      let j = i + 1;
      while (j < this.original.length && this.taken[j] === taken) j++;
      parts.push(taken ? " " : this.original.slice(i, j));
      i = j;
    }
    return trimPunctuation(parts.join("").replace(/\s+/g, " "));
  }
}

const BLANK = "|";
const EDGE = /[\s,;:-]/;

/**
 * Leading and trailing spaces and , ; : - cut by a scan from each end: the
 * regex form (`[…]+$`) retries every run inside the text and is quadratic.
 */
function trimPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text[start]!)) start++;
  while (end > start && EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

const CLOSER: Record<string, string> = { '"': '"', "\u201c": "\u201d" };

/**
 * Double-quoted passages ("…" or “…”): their words are never read as dates,
 * tags or priorities. One scan: an opener whose closer appears nowhere after
 * it ends the search for that kind of quote (no later opener can close either),
 * so no stretch of the text is searched twice.
 */
export function protectQuotes(text: QuickText): void {
  const s = text.original;
  const open = new Set(Object.keys(CLOSER));
  let i = 0;
  while (i < s.length && open.size > 0) {
    const c = s[i]!;
    if (!open.has(c)) {
      i++;
      continue;
    }
    const close = s.indexOf(CLOSER[c]!, i + 1);
    if (close < 0) {
      open.delete(c);
      i++;
      continue;
    }
    text.protect(i, close + 1);
    i = close + 1;
  }
}
