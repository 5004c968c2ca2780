/**
 * Instants of the DATE and DATE-TIME values inside a served calendar object,
 * for the REPORT side of CalDAV (time-range on properties, expand): UTC as
 * written, a TZID through its IANA name or the object's VTIMEZONE, and a
 * floating time or a date in the user's zone, as src/domain/vtodo.ts reads them.
 * Lenient where vtodo.ts refuses: a value that names no instant is null
 * (the served object is already ours, a REPORT never refuses over it).
 */
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { ianaZoneOf } from "./vtodo.js";

export type Component = InstanceType<typeof ICAL.Component>;
export type Property = InstanceType<typeof ICAL.Property>;
export type IcalTime = InstanceType<typeof ICAL.Time>;

/** Wall-clock fields of a value (a date is its midnight). */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** How a value's wall-clock fields become an instant. */
export interface TimeContext {
  /** The user's zone, for floating times and dates. */
  zone: string;
  /** The object's root (VCALENDAR), whose VTIMEZONEs describe TZIDs that are not IANA names. */
  root: Component;
}

export const fieldsOf = (t: IcalTime): LocalFields => ({
  year: t.year, month: t.month, day: t.day, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute, second: t.isDate ? 0 : t.second,
});

export const isUtc = (t: IcalTime): boolean => t.zone?.tzid === "UTC" || (t as unknown as { timezone?: string }).timezone === "Z";

/** Epoch milliseconds of wall-clock fields written with `tzid` (undefined: floating) or in UTC; null when they name no instant. */
export function instantOfFields(local: LocalFields, how: { utc: boolean; tzid?: string | undefined }, ctx: TimeContext): number | null {
  if (how.utc) return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let zone = ctx.zone;
  if (how.tzid) {
    const iana = ianaZoneOf(how.tzid);
    if (iana) zone = iana;
    else {
      const described = ctx.root.getAllSubcomponents("vtimezone").find((c) => c.getFirstPropertyValue("tzid") === how.tzid);
      if (described) {
        const ms = new ICAL.Time({ ...local, isDate: false }, new ICAL.Timezone(described)).toUnixTime() * 1000;
        return Number.isFinite(ms) ? ms : null;
      }
    }
  }
  const at = DateTime.fromObject(local, { zone });
  return at.isValid ? at.toMillis() : null;
}

/** The instant of a property's first DATE or DATE-TIME value, or null (another type, or no instant). */
export function instantOfProperty(prop: Property, ctx: TimeContext): number | null {
  const value = prop.getFirstValue() as unknown;
  if (!(value instanceof ICAL.Time)) return null;
  return instantOfFields(fieldsOf(value), { utc: isUtc(value), tzid: prop.getParameter("tzid") as string | undefined }, ctx);
}

/** A property whose first value is a DATE (not a DATE-TIME). */
export const isDateValued = (prop: Property): boolean => {
  const value = prop.getFirstValue() as unknown;
  return value instanceof ICAL.Time && value.isDate;
};

/** 20270101T090000Z */
export const utcText = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
