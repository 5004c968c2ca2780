/** ISO 8601 durations of weeks, days, hours, minutes and seconds (no months or years: they have no fixed length). */
const ISO_DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function isIsoDuration(text: string): boolean {
  return ISO_DURATION.test(text);
}

/** Milliseconds in an ISO 8601 duration; a day is 24 h here (reminder offsets are elapsed time). */
export function durationMs(text: string): number {
  const m = ISO_DURATION.exec(text);
  if (!m) throw new Error(`not an ISO 8601 duration: ${text}`);
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}
