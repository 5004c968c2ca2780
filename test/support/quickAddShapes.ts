/**
 * Adversarial quick-add text of any length, shared by the parser's linearity
 * tests and its benchmark (scripts/bench/quickAddParse.ts): long runs of what
 * each finder looks for, so a finder that rescans the rest of the text per
 * match shows.
 */

/** Text of exactly `n` characters made by repeating `unit` (cut at n). */
const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const QUICK_ADD_SHAPES: Record<string, (n: number) => string> = {
  "spaces": (n) => `a${" ".repeat(Math.max(0, n - 2))}b`,
  "digits": (n) => repeat("1", n),
  "digits and spaces": (n) => repeat("12 ", n),
  "date words": (n) => repeat("tomorrow at 5pm next monday ", n),
  "every": (n) => repeat("every ", n),
  "every day": (n) => repeat("every day ", n),
  "every + vocabulary": (n) => `every ${repeat("2 ", n - 6)}`,
  "remind me": (n) => repeat("remind me ", n),
  "remind me 1 day": (n) => repeat("remind me 1 day ", n),
  "#tag": (n) => repeat("#tag ", n),
  "p1 / !high": (n) => repeat("p1 !high ", n),
  "quotes": (n) => repeat('"a" ', n),
  "open curly quotes": (n) => repeat("\u201ca", n),
  "on the 1st": (n) => repeat("on the 1st ", n),
  "slashes": (n) => repeat("1/2/", n),
  "commas": (n) => `a${repeat(",", n - 2)}b`,
};
