import "server-only";
import type { DB } from "../db";
import type { ComponentStatus, Locale } from "../db/schema";
import { findComponentGroups, getComponentHistories, type ComponentHistory, type StatusComponentView } from "./find-components";
import { findActiveIncidents, findIncidentHistory, type IncidentSummary, type IncidentWithUpdates } from "./find-incidents";
import { findOpenMaintenance, type MaintenanceView } from "./find-maintenance";
import { sharedHistories } from "./shared-histories";
import { worstStatus } from "@/lib/status/uptime";

export type ComponentWithHistory = StatusComponentView & ComponentHistory;

export interface StatusPageData {
  generatedAt: number;
  /** The worst current status among the components: what the banner says. */
  overall: ComponentStatus;
  groups: { id: number | null; name: string | null; components: ComponentWithHistory[] }[];
  activeIncidents: IncidentWithUpdates[];
  maintenance: MaintenanceView[];
  history: { items: IncidentSummary[]; next?: string };
}

/** Everything the public status page shows, read at `now` in the reader's language. */
export async function getStatusPage(db: DB, opts: { now: number; locale: Locale; historyLimit?: number }): Promise<StatusPageData> {
  const { now, locale } = opts;
  const groups = await findComponentGroups(db, locale);
  const ids = groups.flatMap((g) => g.components.map((c) => c.id));
  const [histories, activeIncidents, maintenance, history] = await Promise.all([
    sharedHistories(now, ids, () => getComponentHistories(db, now, ids)),
    findActiveIncidents(db, locale),
    findOpenMaintenance(db, { now, locale }),
    findIncidentHistory(db, { now, locale, limit: opts.historyLimit ?? 10 }),
  ]);
  return {
    generatedAt: now,
    overall: worstStatus(groups.flatMap((g) => g.components.map((c) => c.status))),
    groups: groups.map((g) => ({ ...g, components: g.components.map((c) => ({ ...c, ...histories.get(c.id)! })) })),
    activeIncidents,
    maintenance,
    history,
  };
}

/** The current status only (no history): for the badge. Null `slug` means the whole page. */
export async function getCurrentStatus(
  db: DB,
  slug: string | null,
): Promise<{ status: ComponentStatus; name_en: string; name_ru: string } | null> {
  if (slug !== null) {
    const c = await db
      .selectFrom("status_components")
      .select(["status", "name_en", "name_ru"])
      .where("slug", "=", slug.toLowerCase())
      .executeTakeFirst();
    return c ?? null;
  }
  const rows = await db.selectFrom("status_components").select("status").execute();
  return { status: worstStatus(rows.map((r) => r.status)), name_en: "status", name_ru: "статус" };
}

/** Rounds to 3 decimals for machines; null stays null (no data). */
const round3 = (p: number | null) => (p === null ? null : Math.floor(p * 1000) / 1000);

/** The public JSON summary of `GET /api/status`: stable field names, times in ISO 8601. */
export function toStatusJson(data: StatusPageData, base: string, locale: Locale) {
  const prefix = locale === "ru" ? "/ru" : "";
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const ref = (c: { slug: string; name: string; status: ComponentStatus }) => ({ slug: c.slug, name: c.name, status: c.status });
  return {
    page: { url: `${base}${prefix}/status`, locale, generatedAt: iso(data.generatedAt) },
    overall: { status: data.overall },
    components: data.groups.flatMap((g) =>
      g.components.map((c) => ({
        slug: c.slug,
        name: c.name,
        group: g.name,
        status: c.status,
        uptime: {
          "24h": round3(c.uptime["24h"]),
          "7d": round3(c.uptime["7d"]),
          "30d": round3(c.uptime["30d"]),
          "90d": round3(c.uptime["90d"]),
        },
      })),
    ),
    activeIncidents: data.activeIncidents.map((i) => ({
      id: i.id,
      title: i.title,
      impact: i.impact,
      status: i.status,
      startedAt: iso(i.startedAt),
      updatedAt: iso(i.updatedAt),
      url: `${base}${prefix}/status/incidents/${i.id}`,
      components: i.components.map(ref),
      latestUpdate: i.updates[0] ? { status: i.updates[0].status, body: i.updates[0].body, createdAt: iso(i.updates[0].createdAt) } : null,
    })),
    maintenance: data.maintenance.map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      status: m.status,
      startsAt: iso(m.startsAt),
      endsAt: iso(m.endsAt),
      components: m.components.map(ref),
    })),
  };
}

export type StatusJson = ReturnType<typeof toStatusJson>;
