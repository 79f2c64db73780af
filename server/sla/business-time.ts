import "server-only";

/**
 * Business-time arithmetic on a calendar: weekly opening hours in an IANA time zone, minus holidays. Pure (no
 * database, no clock): "add N business minutes" and "business time between two instants", exact across weekends,
 * holidays, midnight and daylight-saving changes. Business time is real elapsed time inside opening hours, so an
 * open range 00:00-24:00 on the day clocks go forward holds 23 hours.
 *
 * Local times that do not exist (the hour skipped when clocks go forward) move forward by the gap, and local
 * times that happen twice (clocks go back) take the earlier instant: Temporal's "compatible" disambiguation.
 */

/** Minutes from local midnight, start inclusive, end exclusive; 0 ≤ start < end ≤ 1440. */
export type OpenRange = [number, number];

export interface Holiday {
  /** First day, `YYYY-MM-DD` (local to the calendar). */
  from: string;
  /** Last day included; the same as `from` when absent. */
  to?: string;
  /** Every year on the same dates (the year in `from`/`to` is then ignored). */
  yearly?: boolean;
}

export interface Calendar {
  timeZone: string;
  /** Opening hours by weekday: index 0 is Sunday … 6 Saturday; several ranges a day, in order. */
  week: OpenRange[][];
  holidays: Holiday[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar whose next open minute is further away than this has no hours at all (or only holidays). */
const SEARCH_DAYS = 3 * 366;

/** Open all day, every day, in UTC: calendar time. */
export const ALWAYS_OPEN: Calendar = { timeZone: "UTC", week: Array.from({ length: 7 }, () => [[0, 1440]]), holidays: [] };

export class CalendarClosedError extends Error {
  constructor() {
    super("The calendar has no opening hours in the next three years");
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as unknown as LocalParts;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A local date and minute of the day in the zone, as an instant (see the note on gaps and overlaps above). */
export function zonedToInstant(date: PlainDate, minuteOfDay: number, timeZone: string): number {
  const local = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * MINUTE;
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  if (before === after) return local - before;
  const early = local - Math.max(before, after);
  const late = local - Math.min(before, after);
  const earlyValid = offsetAt(early, timeZone) === Math.max(before, after);
  const lateValid = offsetAt(late, timeZone) === Math.min(before, after);
  if (earlyValid && lateValid) return early; // happens twice: the first time
  if (earlyValid) return early;
  if (lateValid) return late;
  return local - before; // skipped: later by the length of the gap
}

export interface PlainDate {
  year: number;
  month: number;
  day: number;
}

function dateOf(instant: number, timeZone: string): PlainDate {
  const p = localParts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

function nextDate(d: PlainDate): PlainDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: PlainDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

export function isHoliday(holidays: Holiday[], d: PlainDate): boolean {
  const day = iso(d);
  const monthDay = day.slice(5);
  return holidays.some((h) => {
    const to = h.to ?? h.from;
    if (!h.yearly) return h.from <= day && day <= to;
    const a = h.from.slice(5);
    const b = to.slice(5);
    // A yearly range may cross New Year (12-31 … 01-02).
    return a <= b ? a <= monthDay && monthDay <= b : monthDay >= a || monthDay <= b;
  });
}

/**
 * The open intervals of each date a calendar object was asked for, kept as long as the object lives (policies are read
 * once per ticket event, sweep batch or recompute batch, and every clock of that work walks the same dates): the
 * zone arithmetic behind them is most of the cost of a due time.
 */
const intervalsSeen = new WeakMap<Calendar, Map<string, [number, number][]>>();

/** The open intervals of one local date, as instants [start, end). */
function openIntervals(cal: Calendar, d: PlainDate): [number, number][] {
  let seen = intervalsSeen.get(cal);
  if (!seen) intervalsSeen.set(cal, (seen = new Map()));
  const key = iso(d);
  let out = seen.get(key);
  if (!out) seen.set(key, (out = computeIntervals(cal, d)));
  return out;
}

function computeIntervals(cal: Calendar, d: PlainDate): [number, number][] {
  if (isHoliday(cal.holidays, d)) return [];
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  const out: [number, number][] = [];
  for (const [from, to] of cal.week[weekday] ?? []) {
    const start = zonedToInstant(d, from, cal.timeZone);
    // The end of the day is the start of the next date: right across a DST change at midnight.
    const end = to >= 1440 ? zonedToInstant(nextDate(d), 0, cal.timeZone) : zonedToInstant(d, to, cal.timeZone);
    if (end > start) out.push([start, end]);
  }
  return out;
}

/**
 * The instant when `ms` of business time have passed since `start`. With 0, the first open instant at or after
 * `start`. Composes: add(add(t, a), b) = add(t, a + b).
 */
export function addBusinessMs(cal: Calendar, start: number, ms: number): number {
  let remaining = Math.max(0, ms);
  let d = dateOf(start, cal.timeZone);
  for (let i = 0; i < SEARCH_DAYS; i++, d = nextDate(d)) {
    for (const [from, to] of openIntervals(cal, d)) {
      const at = Math.max(from, start);
      if (at >= to) continue;
      if (remaining <= to - at) return at + remaining;
      remaining -= to - at;
    }
  }
  throw new CalendarClosedError();
}

export function addBusinessMinutes(cal: Calendar, start: number, minutes: number): number {
  return addBusinessMs(cal, start, minutes * MINUTE);
}

/** Business time in ms between two instants (0 when `to` is not after `from`). */
export function businessMsBetween(cal: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  let d = dateOf(from, cal.timeZone);
  // Every local date that touches [from, to): at most a day past `to`'s date in any zone.
  for (let i = 0; i < SEARCH_DAYS * 10; i++, d = nextDate(d)) {
    const intervals = openIntervals(cal, d);
    const dayStart = zonedToInstant(d, 0, cal.timeZone);
    if (dayStart >= to) break;
    for (const [a, b] of intervals) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
  }
  return total;
}

export function businessMinutesBetween(cal: Calendar, from: number, to: number): number {
  return businessMsBetween(cal, from, to) / MINUTE;
}
