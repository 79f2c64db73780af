import "server-only";
import type { DB } from "../db";
import type { ComponentStatus, IncidentImpact, Locale } from "../db/schema";
import { findIncidentsTouching } from "./find-incidents";
import {
  BAR_DAYS,
  DAY,
  HOUR,
  barLevel,
  dailyCounts,
  latencySeries,
  startOfDay,
  startOfHour,
  uptimeWindows,
  type BarLevel,
  type LatencyPoint,
  type RollupRow,
  type UptimeWindow,
} from "@/lib/status/uptime";

export interface StatusComponentView {
  id: number;
  slug: string;
  name: string;
  description: string;
  status: ComponentStatus;
  groupId: number | null;
}

export interface StatusGroupView {
  id: number | null;
  name: string | null;
  components: StatusComponentView[];
}

/** Components in the reader's language, grouped and ordered as staff arranged them; ungrouped ones last. */
export async function findComponentGroups(db: DB, locale: Locale): Promise<StatusGroupView[]> {
  const [groups, components] = await Promise.all([
    db.selectFrom("status_groups").select(["id", "name_en", "name_ru"]).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("status_components")
      .select(["id", "slug", "name_en", "name_ru", "description_en", "description_ru", "status", "group_id"])
      .orderBy("position")
      .orderBy("id")
      .execute(),
  ]);
  const views: StatusComponentView[] = components.map((c) => ({
    id: Number(c.id),
    slug: c.slug,
    name: locale === "ru" ? c.name_ru : c.name_en,
    description: locale === "ru" ? c.description_ru : c.description_en,
    status: c.status,
    groupId: c.group_id === null ? null : Number(c.group_id),
  }));
  const out: StatusGroupView[] = groups.map((g) => ({
    id: Number(g.id),
    name: locale === "ru" ? g.name_ru : g.name_en,
    components: views.filter((v) => v.groupId === Number(g.id)),
  }));
  const known = new Set(out.map((g) => g.id));
  const loose = views.filter((v) => v.groupId === null || !known.has(v.groupId));
  if (loose.length) out.push({ id: null, name: null, components: loose });
  return out.filter((g) => g.components.length > 0);
}

export interface DayBar {
  /** Start of the UTC day. */
  day: number;
  uptime: number | null;
  level: BarLevel;
  incidents: { id: number; title: string; impact: IncidentImpact }[];
}

export interface ComponentHistory {
  /** False when no monitor watches the component: its uptime is "no data" by design. */
  monitored: boolean;
  uptime: Record<UptimeWindow, number | null>;
  days: DayBar[];
  latency24h: LatencyPoint[];
  latency7d: LatencyPoint[];
}

/**
 * Rollups of every monitor attached to a component, hourly for the last 7 days and daily for 90, summed per
 * component in the database: one row per component and bucket (about 12,900 with 50 components) rather than
 * one per monitor and bucket (129,240 with 500 monitors), so a render reads and folds a tenth of the rows.
 * Every figure the page shows is a sum of counts (or the largest latency), so the sum per component loses nothing.
 */
async function rollupsByComponent(db: DB, now: number): Promise<{ monitored: Set<number>; rows: Map<number, RollupRow[]> }> {
  const monitored = await db.selectFrom("monitors").select("component_id").distinct().where("component_id", "is not", null).execute();
  const rows = new Map<number, RollupRow[]>();
  if (monitored.length === 0) return { monitored: new Set(), rows };
  const hourFrom = startOfHour(now) - 167 * HOUR;
  const dayFrom = startOfDay(now) - (BAR_DAYS - 1) * DAY;
  const found = await db
    .selectFrom("monitor_rollups as r")
    .innerJoin("monitors as m", "m.id", "r.monitor_id")
    .select((eb) => [
      "m.component_id",
      "r.period",
      "r.bucket_start",
      eb.fn.sum<number>("r.up").as("up"),
      eb.fn.sum<number>("r.degraded").as("degraded"),
      eb.fn.sum<number>("r.down").as("down"),
      eb.fn.sum<number>("r.maintenance").as("maintenance"),
      eb.fn.sum<number>("r.latency_sum").as("latency_sum"),
      eb.fn.sum<number>("r.latency_count").as("latency_count"),
      eb.fn.max("r.latency_max").as("latency_max"),
    ])
    .where("m.component_id", "is not", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("r.period", "=", "hour"), eb("r.bucket_start", ">=", hourFrom)]),
        eb.and([eb("r.period", "=", "day"), eb("r.bucket_start", ">=", dayFrom)]),
      ]),
    )
    .groupBy(["m.component_id", "r.period", "r.bucket_start"])
    .execute();
  for (const r of found) {
    const componentId = Number(r.component_id);
    const list = rows.get(componentId) ?? [];
    list.push({
      monitor_id: 0, // the sum of the component's monitors, no single one
      period: r.period,
      bucket_start: Number(r.bucket_start),
      up: Number(r.up),
      degraded: Number(r.degraded),
      down: Number(r.down),
      maintenance: Number(r.maintenance),
      latency_sum: Number(r.latency_sum),
      latency_count: Number(r.latency_count),
      latency_max: Number(r.latency_max),
    });
    rows.set(componentId, list);
  }
  return { monitored: new Set(monitored.map((m) => Number(m.component_id))), rows };
}

/**
 * Uptime windows, 90 daily bars (with the incidents that touched each day) and response-time series
 * for every component, measured at `now`.
 */
export async function getComponentHistories(db: DB, now: number, componentIds: number[]): Promise<Map<number, ComponentHistory>> {
  const today = startOfDay(now);
  const firstDay = today - (BAR_DAYS - 1) * DAY;
  const [{ monitored, rows }, incidents] = await Promise.all([
    rollupsByComponent(db, now),
    findIncidentsTouching(db, firstDay, today + DAY),
  ]);
  const out = new Map<number, ComponentHistory>();
  for (const id of componentIds) {
    const mine = rows.get(id) ?? [];
    const touching = incidents.filter((i) => i.componentId === id);
    const days = dailyCounts(mine, now).map(({ day, uptime }) => {
      const dayIncidents = touching
        .filter((i) => i.startedAt < day + DAY && (i.endedAt ?? now) >= day)
        .map((i) => ({ id: i.id, title: i.title, impact: i.impact }));
      return {
        day,
        uptime,
        level: barLevel(
          uptime,
          dayIncidents.map((i) => i.impact),
        ),
        incidents: dayIncidents,
      };
    });
    out.set(id, {
      monitored: monitored.has(id),
      uptime: uptimeWindows(mine, now),
      days,
      latency24h: latencySeries(mine, now, 24),
      latency7d: latencySeries(mine, now, 168),
    });
  }
  return out;
}
