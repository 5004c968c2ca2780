/**
 * The text of a quick add as it is taken apart: the original (for the title and
 * the spans reported back) and a working copy in which protected and consumed
 * characters are blanked out, so later finders (and chrono) never see them and
 * every index still points into the original.
 */
export class QuickText {
  private work: string;
  private readonly taken: boolean[];
  private readonly blocked: boolean[];

  constructor(readonly original: string) {
    this.work = original;
    this.taken = new Array<boolean>(original.length).fill(false);
    this.blocked = new Array<boolean>(original.length).fill(false);
  }

  /** What the finders may still read. */
  get remaining(): string {
    return this.work;
  }

  /** Hides [start, end) from the finders but keeps it in the title ("quotes protect words"). */
  protect(start: number, end: number): void {
    this.blank(start, end);
  }

  /** Marks [start, end) as used for a field: hidden from the finders, removed from the title. */
  take(start: number, end: number): void {
    this.blank(start, end);
    for (let i = start; i < end; i++) this.taken[i] = true;
  }

  /**
   * A filler that is neither a word character nor a space: the finders must
   * not read across a blanked span ("at every days 3" is no "at 3"), nor glue
   * its neighbours into one word.
   */
  private blank(start: number, end: number): void {
    this.work = this.work.slice(0, start) + "|".repeat(end - start) + this.work.slice(end);
    for (let i = start; i < end; i++) this.blocked[i] = true;
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.blocked[i]) return false;
    return true;
  }

  /** The original without the taken characters, whitespace collapsed. */
  title(): string {
    let kept = "";
    for (let i = 0; i < this.original.length; i++) kept += this.taken[i] ? " " : this.original[i];
    return kept.replace(/\s+/g, " ").replace(/^[\s,;:-]+|[\s,;:-]+$/g, "");
  }
}

/** Double-quoted passages ("…" or “…”): their words are never read as dates, tags or priorities. */
export function protectQuotes(text: QuickText): void {
  for (const match of text.original.matchAll(/"[^"]*"|“[^”]*”/g)) text.protect(match.index, match.index + match[0].length);
}
