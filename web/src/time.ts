/** Dates and time zones without a date library: Intl does the zone arithmetic. */
export const USER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function zones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return supported.includes("UTC") ? supported : ["UTC", ...supported];
}

/** Offset of `zone` from UTC at `instant`, in ms. */
function offsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-01T09:00" on the wall clock of `zone` → an ISO instant. */
export function wallToInstant(local: string, zone: string): string {
  const [date, time = "00:00"] = local.split("T");
  const [y, mo, d] = (date ?? "").split("-").map(Number) as [number, number, number];
  const [h = 0, mi = 0, sec = 0] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, sec);
  // Twice: the first guess may sit on the other side of a DST change.
  let instant = asUtc - offsetMs(asUtc, zone);
  instant = asUtc - offsetMs(instant, zone);
  return new Date(instant).toISOString();
}

/** An instant → "2026-12-01T09:00" (with ":SS" when not zero) on the wall clock of `zone` (for datetime-local inputs). */
export function instantToWall(iso: string, zone: string): string {
  const t = Date.parse(iso);
  const wall = new Date(t + offsetMs(t, zone)).toISOString();
  return wall.slice(17, 19) === "00" ? wall.slice(0, 16) : wall.slice(0, 19);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string, zone = USER_ZONE): string {
  // Building a formatter costs far more than using one; a long list formats hundreds of dates.
  let format = formatters.get(zone);
  if (!format) formatters.set(zone, (format = new Intl.DateTimeFormat(undefined, { timeZone: zone, dateStyle: "medium", timeStyle: "short" })));
  return format.format(new Date(iso));
}

export function isOverdue(task: { status: string; dueAt: string | null }, now = Date.now()): boolean {
  return task.status === "open" && task.dueAt !== null && Date.parse(task.dueAt) < now;
}

const UNITS: [string, string][] = [["W", "week"], ["D", "day"], ["H", "hour"], ["M", "minute"], ["S", "second"]];

/** "PT15M" → "15 minutes before". */
export function describeBefore(duration: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m) return `${duration} before`;
  const parts = m.slice(1).flatMap((v, i) => (v ? [`${v} ${UNITS[i]![1]}${v === "1" ? "" : "s"}`] : []));
  return `${parts.join(" ")} before`;
}
