/** ISO 8601 durations of weeks, days, hours, minutes and seconds (no months or years: they have no fixed length). */
const ISO_DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** The durations the document promises (no lookahead, so the fuzzer can draw from it): at least one part, T only before a time part, few enough digits to stay under the maximum. */
const [W, D, H, M, S] = ["[0-9]{1,3}W", "[0-9]{1,4}D", "[0-9]{1,5}H", "[0-9]{1,7}M", "[0-9]{1,9}S"];
export const ISO_DURATION_PATTERN = `^P(?:(?:${W})?(?:${D})?T(?:${H}(?:${M})?(?:${S})?|${M}(?:${S})?|${S})|${W}(?:${D})?|${D})$`;

/**
 * The longest duration taken (docs/api-limits.md): about 109 years, more
 * than the pattern's digits can add up to. A longer one was taken before and
 * made an instant past what a Date holds (a 500 on snooze, found by the fuzzer).
 */
export const MAX_DURATION_DAYS = 40_000;

export function isIsoDuration(text: string): boolean {
  return ISO_DURATION.test(text) && durationMs(text) <= MAX_DURATION_DAYS * 86_400_000;
}

/** Milliseconds in an ISO 8601 duration; a day is 24 h here (reminder offsets are elapsed time). */
export function durationMs(text: string): number {
  const m = ISO_DURATION.exec(text);
  if (!m) throw new Error(`not an ISO 8601 duration: ${text}`);
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}
