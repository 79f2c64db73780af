import type { ComponentStatus } from "@/server/db/schema";
import type { ComponentWithHistory } from "@/server/status/get-status-page";
import { DAY, floorUptime, type BarLevel, type UptimeWindow } from "@/lib/status/uptime";

/**
 * One component as the status page sends it to the browser. The page is served to every visitor, so its
 * weight is its cost: data travels once, as compact as it reads, and the markup is made from it (on the
 * server for the HTML, in the browser for the interactive parts).
 */
export interface CompactComponent {
  id: number;
  slug: string;
  name: string;
  description: string;
  status: ComponentStatus;
  monitored: boolean;
  /** Uptime over each window, floored to two decimals (as it is shown). */
  uptime: Record<UptimeWindow, number | null>;
  /** Start of the first of the 90 days (UTC ms); the others follow a day apart. */
  from: number;
  /** One character per day: its bar level (see LEVELS). */
  levels: string;
  /** Each day's uptime, floored to two decimals (as it is shown), null for no data. */
  days: (number | null)[];
  /** Titles of the incidents that touched a day, by day index; days without incidents are absent. */
  incidents: Record<number, string[]>;
  /** Hourly average response time over the last 168 hours (the last 24 are the day chart), null when unmeasured. */
  latency: (number | null)[];
}

export const LEVELS: readonly BarLevel[] = ["nodata", "ok", "minor", "major", "critical"];

const floor2 = (p: number | null) => (p === null ? null : floorUptime(p));

export function toCompact(c: ComponentWithHistory): CompactComponent {
  const incidents: Record<number, string[]> = {};
  c.days.forEach((d, i) => {
    if (d.incidents.length) incidents[i] = d.incidents.map((x) => x.title);
  });
  const measured = c.latency7d.some((p) => p.avgMs !== null);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    status: c.status,
    monitored: c.monitored,
    uptime: {
      "24h": floor2(c.uptime["24h"]),
      "7d": floor2(c.uptime["7d"]),
      "30d": floor2(c.uptime["30d"]),
      "90d": floor2(c.uptime["90d"]),
    },
    from: c.days[0]?.day ?? 0,
    levels: c.days.map((d) => LEVELS.indexOf(d.level)).join(""),
    days: c.days.map((d) => floor2(d.uptime)),
    incidents,
    latency: measured ? c.latency7d.map((p) => p.avgMs) : [],
  };
}

/** The day bars back from the compact form. */
export function barDays(c: Pick<CompactComponent, "from" | "levels" | "days" | "incidents">) {
  return c.days.map((uptime, i) => ({
    day: c.from + i * DAY,
    level: LEVELS[Number(c.levels[i])] ?? "nodata",
    uptime,
    incidents: c.incidents[i] ?? [],
  }));
}
