/**
 * Manual order inside a list: fractional keys. A position is a string of
 * base-36 digits compared as plain strings; between any two keys there is
 * always another one, so moving a task rewrites that task only, never its
 * neighbours. A key never ends in "0" (nothing sorts between "a" and "a0").
 */

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;

/** Longest key accepted from a client (docs/api-limits.md); repeated inserts at one spot grow a key by about one digit per five. */
export const MAX_POSITION_LENGTH = 64;

const KEY = /^[0-9a-z]+$/;

export function isPositionKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_POSITION_LENGTH && KEY.test(key) && !key.endsWith("0");
}

/**
 * A key strictly between `before` and `after` (null: no bound on that side).
 * Throws when the bounds are not keys or not in order.
 */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && !isPositionKey(before)) throw new RangeError(`not a position key: ${before}`);
  if (after !== null && !isPositionKey(after)) throw new RangeError(`not a position key: ${after}`);
  if (before !== null && after !== null && before >= after) throw new RangeError(`${before} is not before ${after}`);
  return midpoint(before ?? "", after);
}

/** Digits strictly between `a` (may be "": the bottom) and `b` (null: the top), a < b. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Shared leading digits (a read as padded with zeros) stay as they are.
    let n = 0;
    while (n < b.length && (a[n] ?? "0") === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a.length > 0 ? DIGITS.indexOf(a[0]!) : 0;
  const db = b !== null ? DIGITS.indexOf(b[0]!) : BASE;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)]!;
  // Adjacent first digits: b's first digit alone is between when b goes on; else extend a.
  if (b !== null && b.length > 1) return b[0]!;
  return DIGITS[da]! + midpoint(a.slice(1), null);
}

/**
 * The position a new task takes: from its creation time, so a list's tasks
 * stand in the order they were made until someone moves one (nine digits of
 * milliseconds last until the year 5000; the trailing "i" keeps the key valid).
 */
export function positionAt(instant: string): string {
  return `${Date.parse(instant).toString(36).padStart(9, "0")}i`;
}
