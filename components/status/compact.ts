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
  /**
   * The uptime of each day that had checks and was not a clean 100 %, floored to two decimals (as it is
   * shown), by day index; -1 for a day without checks that an incident coloured. A day absent here is
   * 100 % when its level says it had data, no data otherwise.
   */
  dips: Record<number, number>;
  /** Titles of the incidents that touched a day, by day index; days without incidents are absent. */
  incidents: Record<number, string[]>;
  /** Whether response times were measured (the charts are fetched when opened: GET /api/status/latency). */
  measured: boolean;
}

export const LEVELS: readonly BarLevel[] = ["nodata", "ok", "minor", "major", "critical"];

const floor2 = (p: number | null) => (p === null ? null : floorUptime(p));

export function toCompact(c: ComponentWithHistory): CompactComponent {
  const incidents: Record<number, string[]> = {};
  c.days.forEach((d, i) => {
    if (d.incidents.length) incidents[i] = d.incidents.map((x) => x.title);
  });
  const dips: Record<number, number> = {};
  c.days.forEach((d, i) => {
    const u = floor2(d.uptime);
    if (u !== null && u < 100) dips[i] = u;
    // A day without checks that an incident coloured anyway.
    else if (u === null && d.level !== "nodata") dips[i] = -1;
  });
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
    dips,
    incidents,
    measured: c.latency7d.some((p) => p.avgMs !== null),
  };
}

/** The day bars back from the compact form. */
export function barDays(c: Pick<CompactComponent, "from" | "levels" | "dips" | "incidents">) {
  return Array.from(c.levels, (ch, i) => {
    const level = LEVELS[Number(ch)] ?? "nodata";
    return {
      day: c.from + i * DAY,
      level,
      uptime: level === "nodata" || c.dips[i] === -1 ? null : (c.dips[i] ?? 100),
      incidents: c.incidents[i] ?? [],
    };
  });
}
