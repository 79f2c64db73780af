import type { ComponentStatus } from "@/server/db/schema";

/**
 * The arithmetic of the status page, kept pure so it can be tested without a database.
 *
 * Uptime formula: every check counts once. `up` and `degraded` checks are available, `down` checks are
 * not; checks made inside an announced maintenance window are counted as `maintenance` by the monitoring
 * engine and left out of both sides. A period with no counted check has no value ("no data"), never 100%.
 * Incidents declared by staff without failing checks do not change this number; they are shown beside it.
 */

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const BAR_DAYS = 90;

export interface CheckCounts {
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
}

/** One rollup row as read from the database (period is "hour" or "day"). */
export interface RollupRow extends CheckCounts {
  monitor_id: number;
  period: "hour" | "day";
  bucket_start: number;
  latency_sum: number;
  latency_count: number;
  latency_max: number;
}

export const ZERO: CheckCounts = { up: 0, degraded: 0, down: 0, maintenance: 0 };

export function addCounts(a: CheckCounts, b: CheckCounts): CheckCounts {
  return { up: a.up + b.up, degraded: a.degraded + b.degraded, down: a.down + b.down, maintenance: a.maintenance + b.maintenance };
}

/** Uptime in percent (0–100), or null when no check counted. */
export function uptimePercent(c: CheckCounts): number | null {
  const counted = c.up + c.degraded + c.down;
  if (counted === 0) return null;
  return ((c.up + c.degraded) / counted) * 100;
}

/**
 * Uptime floored to hundredths, so a single failed check never reads as 100.00%. The small allowance keeps
 * a value that is already in hundredths (99.99 × 100 is 9998.999… in binary) from losing one.
 */
export function floorUptime(p: number): number {
  return Math.floor(p * 100 + 1e-7) / 100;
}

/** "99.95%" (floored, see floorUptime). */
export function formatUptime(p: number | null, noData: string): string {
  if (p === null) return noData;
  return `${floorUptime(p).toFixed(2)}%`;
}

export const startOfHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;
export const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;

export type UptimeWindow = "24h" | "7d" | "30d" | "90d";
export const UPTIME_WINDOWS: readonly UptimeWindow[] = ["24h", "7d", "30d", "90d"];

function sumRows(rows: readonly RollupRow[], keep: (r: RollupRow) => boolean): CheckCounts {
  let c = ZERO;
  for (const r of rows) if (keep(r)) c = addCounts(c, r);
  return c;
}

/**
 * Counts of one window. Windows up to 48 hours use hourly rollups; longer ones add the daily rollups of
 * the whole days before today to the hourly rollups of today (today's daily rollup may still be open).
 */
export function windowCounts(rows: readonly RollupRow[], window: UptimeWindow, now: number): CheckCounts {
  if (window === "24h") {
    const from = startOfHour(now) - 23 * HOUR;
    return sumRows(rows, (r) => r.period === "hour" && r.bucket_start >= from && r.bucket_start <= now);
  }
  const days = window === "7d" ? 7 : window === "30d" ? 30 : 90;
  const today = startOfDay(now);
  const from = today - (days - 1) * DAY;
  return sumRows(
    rows,
    (r) =>
      (r.period === "day" && r.bucket_start >= from && r.bucket_start < today) ||
      (r.period === "hour" && r.bucket_start >= today && r.bucket_start <= now),
  );
}

export function uptimeWindows(rows: readonly RollupRow[], now: number): Record<UptimeWindow, number | null> {
  return {
    "24h": uptimePercent(windowCounts(rows, "24h", now)),
    "7d": uptimePercent(windowCounts(rows, "7d", now)),
    "30d": uptimePercent(windowCounts(rows, "30d", now)),
    "90d": uptimePercent(windowCounts(rows, "90d", now)),
  };
}

/** Per UTC day, oldest first, `days` long, ending today: the counts and the uptime (null = no data). */
export function dailyCounts(
  rows: readonly RollupRow[],
  now: number,
  days = BAR_DAYS,
): { day: number; counts: CheckCounts; uptime: number | null }[] {
  const today = startOfDay(now);
  const byDay = new Map<number, CheckCounts>();
  for (const r of rows) {
    const isPastDay = r.period === "day" && r.bucket_start < today;
    const isToday = r.period === "hour" && r.bucket_start >= today && r.bucket_start <= now;
    if (!isPastDay && !isToday) continue;
    const day = startOfDay(r.bucket_start);
    byDay.set(day, addCounts(byDay.get(day) ?? ZERO, r));
  }
  const out = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = today - i * DAY;
    const counts = byDay.get(day) ?? ZERO;
    out.push({ day, counts, uptime: uptimePercent(counts) });
  }
  return out;
}

export interface LatencyPoint {
  /** Start of the hour (UTC ms). */
  t: number;
  /** Average response time in ms over the hour, null when nothing was measured. */
  avgMs: number | null;
  maxMs: number | null;
}

/** Hourly average response time over the last `hours` hours (the current hour included), oldest first. */
export function latencySeries(rows: readonly RollupRow[], now: number, hours: 24 | 168): LatencyPoint[] {
  const last = startOfHour(now);
  const byHour = new Map<number, { sum: number; count: number; max: number }>();
  for (const r of rows) {
    if (r.period !== "hour" || r.latency_count === 0) continue;
    const cur = byHour.get(r.bucket_start) ?? { sum: 0, count: 0, max: 0 };
    byHour.set(r.bucket_start, { sum: cur.sum + r.latency_sum, count: cur.count + r.latency_count, max: Math.max(cur.max, r.latency_max) });
  }
  const out: LatencyPoint[] = [];
  for (let i = hours - 1; i >= 0; i--) {
    const t = last - i * HOUR;
    const h = byHour.get(t);
    out.push({ t, avgMs: h ? Math.round(h.sum / h.count) : null, maxMs: h ? h.max : null });
  }
  return out;
}

/** Worst first: what the banner says when components disagree. Maintenance outranks only "operational". */
const SEVERITY: Record<ComponentStatus, number> = { operational: 0, maintenance: 1, degraded: 2, partial_outage: 3, major_outage: 4 };

export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

export type BarLevel = "nodata" | "ok" | "minor" | "major" | "critical";

/** The colour of a day: the worse of what the checks measured and what staff declared. */
export function barLevel(uptime: number | null, impacts: readonly string[]): BarLevel {
  const rank: BarLevel[] = ["nodata", "ok", "minor", "major", "critical"];
  let level: BarLevel = uptime === null ? "nodata" : uptime >= 99.9 ? "ok" : uptime >= 99 ? "minor" : uptime >= 95 ? "major" : "critical";
  for (const i of impacts) {
    const fromImpact: BarLevel = i === "critical" ? "critical" : i === "major" ? "major" : i === "minor" ? "minor" : "ok";
    if (rank.indexOf(fromImpact) > rank.indexOf(level)) level = fromImpact;
  }
  return level;
}
