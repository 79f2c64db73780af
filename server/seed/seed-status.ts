import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { appUrl } from "../env";
import { DEMO_COMPONENTS, DEMO_GROUPS, DEMO_INCIDENTS, DEMO_MAINTENANCE, type Outage } from "./demo-data";
import { prng } from "@/lib/prng";
import { transact } from "../db/transact";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Moscow is UTC+3 all year. */
const MSK = 3 * HOUR;

/** Next Tuesday or Thursday 02:00 Moscow time at least `minAhead` ms after `from` (or before it, going back). */
export function maintenanceSlot(from: number, direction: 1 | -1, minGap: number): number {
  let day = Math.floor((from + MSK) / DAY) * DAY; // Moscow midnight, expressed as if it were UTC
  for (let i = 0; i < 30; i++, day += direction * DAY) {
    const weekday = new Date(day).getUTCDay();
    const start = day + 2 * HOUR - MSK;
    if ((weekday === 2 || weekday === 4) && (direction === 1 ? start >= from + minGap : start + 2 * HOUR <= from - minGap)) return start;
  }
  throw new Error("no maintenance slot found");
}

type Counts = {
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latency_sum: number;
  latency_count: number;
  latency_max: number;
};

/**
 * Demo data for the status page: two groups, six components, their monitors (the HTTP ones point at this
 * app so they really run; a heartbeat and a TCP monitor are paused), 90 days of daily and 7 days of hourly
 * history, four past incidents with full timelines (one with a published postmortem), a completed and an
 * upcoming maintenance window. Written as history, not as user actions; does nothing if components exist.
 */
export async function seedStatusDemo(db: DB, opts: { now: number }): Promise<void> {
  const { now } = opts;
  if (await db.selectFrom("status_components").select("id").limit(1).executeTakeFirst()) return;
  const base = appUrl();
  const today = Math.floor(now / DAY) * DAY;
  const staff = await db.selectFrom("users").select("id").where("role", "in", ["lead", "admin"]).orderBy("id").limit(1).executeTakeFirst();
  const authorId = staff ? Number(staff.id) : null;

  await transact(db, async (trx) => {
    // The demo agent is on duty, so a monitor going down alerts somebody.
    await trx.updateTable("users").set({ on_duty: 1 }).where("email", "=", "agent@mayak.local").execute();
    const groupIds: number[] = [];
    for (const [i, g] of DEMO_GROUPS.entries()) {
      const r = await trx
        .insertInto("status_groups")
        .values({ name_en: g.en, name_ru: g.ru, position: i + 1, created_at: now - 91 * DAY })
        .executeTakeFirstOrThrow();
      groupIds.push(Number(r.insertId));
    }
    const componentIds = new Map<string, number>();
    const monitorIds = new Map<string, number>();
    for (const [i, c] of DEMO_COMPONENTS.entries()) {
      const r = await trx
        .insertInto("status_components")
        .values({
          group_id: groupIds[c.group],
          slug: c.slug,
          name_en: c.name.en,
          name_ru: c.name.ru,
          description_en: c.description.en,
          description_ru: c.description.ru,
          status: "operational",
          position: i + 1,
          created_at: now - 91 * DAY,
          updated_at: now - 5 * DAY,
        })
        .executeTakeFirstOrThrow();
      componentIds.set(c.slug, Number(r.insertId));
      for (const m of c.monitors) {
        const enabled = m.kind === "http";
        const mr = await trx
          .insertInto("monitors")
          .values({
            component_id: Number(r.insertId),
            name: m.name,
            kind: m.kind,
            target: m.kind === "http" ? base + m.target : m.target,
            config: JSON.stringify(m.kind === "http" ? { expectedStatus: "200-399", degradedMs: 2000 } : {}),
            interval_s: m.interval,
            timeout_ms: 10_000,
            fail_threshold: 3,
            recover_threshold: 2,
            heartbeat_token_hash: m.kind === "heartbeat" ? crypto.createHash("sha256").update(crypto.randomBytes(32)).digest("hex") : null,
            enabled: enabled ? 1 : 0,
            state: enabled ? "pending" : "paused",
            consecutive_failures: 0,
            consecutive_successes: 0,
            next_check_at: now,
            created_at: now - 91 * DAY,
            updated_at: now - 91 * DAY,
          })
          .executeTakeFirstOrThrow();
        if (m.history) monitorIds.set(c.slug, Number(mr.insertId));
      }
    }

    // Past maintenance (completed) and the next announced window.
    const past = maintenanceSlot(now - 9 * DAY, -1, 0);
    const next = maintenanceSlot(now, 1, 3 * DAY);
    const outages: Outage[] = DEMO_INCIDENTS.flatMap((inc) =>
      inc.outages.map((o) => ({ ...o, from: today - inc.daysAgo * DAY + o.from, to: today - inc.daysAgo * DAY + o.to })),
    );
    for (const [i, m] of DEMO_MAINTENANCE.entries()) {
      const startsAt = i === 0 ? past : next;
      const endsAt = startsAt + 2 * HOUR;
      const r = await trx
        .insertInto("maintenances")
        .values({
          title: m.title,
          body: m.body,
          starts_at: startsAt,
          ends_at: endsAt,
          status: i === 0 ? "completed" : "scheduled",
          created_at: startsAt - 5 * DAY,
          updated_at: i === 0 ? endsAt - 50 * MINUTE : now - 2 * HOUR,
        })
        .executeTakeFirstOrThrow();
      for (const slug of m.components)
        await trx
          .insertInto("maintenance_components")
          .values({ maintenance_id: Number(r.insertId), component_id: componentIds.get(slug)! })
          .execute();
      // Checks inside an announced window count as maintenance, whatever they found.
      if (i === 0) for (const slug of m.components) outages.push({ slug, from: startsAt, to: endsAt, result: "maintenance" });
    }

    for (const inc of DEMO_INCIDENTS) {
      const day = today - inc.daysAgo * DAY;
      const last = inc.updates[inc.updates.length - 1];
      const r = await trx
        .insertInto("incidents")
        .values({
          title: inc.title,
          impact: inc.impact,
          status: "resolved",
          auto: inc.auto ? 1 : 0,
          monitor_id: inc.auto ? (monitorIds.get(inc.components[0]) ?? null) : null,
          started_at: day + inc.updates[0].at,
          resolved_at: day + last.at,
          merged_into_id: null,
          postmortem: inc.postmortem ?? inc.draftPostmortem ?? null,
          postmortem_published_at: inc.postmortem ? day + 3 * DAY + 11 * HOUR : null,
          created_at: day + inc.updates[0].at,
          updated_at: inc.postmortem ? day + 3 * DAY + 11 * HOUR : day + last.at,
        })
        .executeTakeFirstOrThrow();
      const id = Number(r.insertId);
      for (const slug of inc.components)
        await trx
          .insertInto("incident_components")
          .values({ incident_id: id, component_id: componentIds.get(slug)!, status: inc.componentStatus })
          .execute();
      for (const u of inc.updates) {
        await trx
          .insertInto("incident_updates")
          .values({
            incident_id: id,
            status: u.status,
            body: u.body,
            author_id: inc.auto && u.status === "investigating" ? null : authorId,
            created_at: day + u.at,
          })
          .execute();
      }
    }

    // History: every hour of the last 90 days, rolled up per day; the last 7 days also kept per hour.
    const rows: ({ monitor_id: number; period: "hour" | "day"; bucket_start: number; checks: number } & Counts)[] = [];
    const lastHour = Math.floor(now / HOUR) * HOUR - HOUR;
    for (const c of DEMO_COMPONENTS) {
      const monitorId = monitorIds.get(c.slug);
      const spec = c.monitors.find((m) => m.history);
      if (!monitorId || !spec) continue;
      const rand = prng(monitorId * 7919);
      const perHour = 3600 / spec.interval;
      let day: Counts | null = null;
      for (let h = today - 89 * DAY; h <= lastHour; h += HOUR) {
        const c1 = hourCounts(
          h,
          perHour,
          spec.latencyMs,
          rand,
          outages.filter((o) => o.slug === c.slug),
        );
        if (h >= lastHour - 167 * HOUR) rows.push({ monitor_id: monitorId, period: "hour", bucket_start: h, checks: total(c1), ...c1 });
        day = day ? addUp(day, c1) : c1;
        if ((h + HOUR) % DAY === 0 || h === lastHour) {
          rows.push({ monitor_id: monitorId, period: "day", bucket_start: Math.floor(h / DAY) * DAY, checks: total(day), ...day });
          day = null;
        }
      }
    }
    for (let i = 0; i < rows.length; i += 400)
      await trx
        .insertInto("monitor_rollups")
        .values(rows.slice(i, i + 400))
        .execute();
  });
}

const total = (c: Counts) => c.up + c.degraded + c.down + c.maintenance;

function addUp(a: Counts, b: Counts): Counts {
  return {
    up: a.up + b.up,
    degraded: a.degraded + b.degraded,
    down: a.down + b.down,
    maintenance: a.maintenance + b.maintenance,
    latency_sum: a.latency_sum + b.latency_sum,
    latency_count: a.latency_count + b.latency_count,
    latency_max: Math.max(a.latency_max, b.latency_max),
  };
}

/** One believable hour: mostly up, a slow answer now and then, a rare lost check, busier (slower) in Moscow daytime. */
function hourCounts(hour: number, perHour: number, latencyMs: number | null, rand: () => number, outages: Outage[]): Counts {
  const out: Counts = { up: 0, degraded: 0, down: 0, maintenance: 0, latency_sum: 0, latency_count: 0, latency_max: 0 };
  const mskHour = new Date(hour + MSK).getUTCHours();
  const load = mskHour >= 9 && mskHour < 21 ? 1.25 : 0.9;
  const stray = rand() < 0.006 ? 1 : 0; // about one lost check a week
  for (let i = 0; i < perHour; i++) {
    const at = hour + (i * HOUR) / perHour;
    const o = outages.find((x) => at >= x.from && at < x.to);
    let result: "up" | "degraded" | "down" | "maintenance" = o ? o.result : i === 0 && stray ? "down" : rand() < 0.004 ? "degraded" : "up";
    if (result === "maintenance") {
      out.maintenance++;
      continue;
    }
    if (latencyMs === null) {
      out[result]++;
      continue;
    }
    let ms = Math.round(latencyMs * load * (0.75 + rand() * 0.5));
    if (result === "degraded") ms = 2000 + Math.round(rand() * 1500);
    if (result === "down" && rand() < 0.5) {
      out.down++;
      continue; // a refused connection has no response time
    }
    if (result === "up" && ms >= 2000) result = "degraded";
    out[result]++;
    out.latency_sum += ms;
    out.latency_count++;
    out.latency_max = Math.max(out.latency_max, ms);
  }
  return out;
}
