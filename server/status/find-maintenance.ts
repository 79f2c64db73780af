import "server-only";
import type { DB } from "../db";
import type { Locale, MaintenanceStatus } from "../db/schema";
import type { IncidentComponentRef } from "./find-incidents";

export interface MaintenanceView {
  id: number;
  title: string;
  body: string;
  startsAt: number;
  endsAt: number;
  /** As the reader should see it: a window whose start has passed reads "in progress" even before the job flips it. */
  status: MaintenanceStatus;
  updatedAt: number;
  components: IncidentComponentRef[];
}

type Row = { id: number; title: string; body: string; starts_at: number; ends_at: number; status: MaintenanceStatus; updated_at: number };

/** The status a reader sees at `now`. */
export function effectiveMaintenanceStatus(
  m: { status: MaintenanceStatus; starts_at: number; ends_at: number },
  now: number,
): MaintenanceStatus {
  if (m.status !== "scheduled") return m.status;
  if (now >= Number(m.ends_at)) return "completed";
  if (now >= Number(m.starts_at)) return "in_progress";
  return "scheduled";
}

async function withComponents(db: DB, rows: Row[], locale: Locale, now: number): Promise<MaintenanceView[]> {
  const ids = rows.map((r) => Number(r.id));
  const comps = ids.length
    ? await db
        .selectFrom("maintenance_components as mc")
        .innerJoin("status_components as c", "c.id", "mc.component_id")
        .select(["mc.maintenance_id", "c.id", "c.slug", "c.name_en", "c.name_ru", "c.status"])
        .where("mc.maintenance_id", "in", ids)
        .orderBy("c.position")
        .orderBy("c.id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    body: r.body,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    status: effectiveMaintenanceStatus(r, now),
    updatedAt: Number(r.updated_at),
    components: comps
      .filter((c) => Number(c.maintenance_id) === Number(r.id))
      .map((c) => ({ id: Number(c.id), slug: c.slug, name: locale === "ru" ? c.name_ru : c.name_en, status: c.status })),
  }));
}

/** Maintenance in progress and to come (neither completed nor cancelled), soonest first. */
export async function findOpenMaintenance(db: DB, opts: { now: number; locale: Locale }): Promise<MaintenanceView[]> {
  const rows = await db
    .selectFrom("maintenances")
    .select(["id", "title", "body", "starts_at", "ends_at", "status", "updated_at"])
    .where((eb) => eb.or([eb("status", "=", "in_progress"), eb.and([eb("status", "=", "scheduled"), eb("ends_at", ">", opts.now)])]))
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
  return withComponents(db, rows, opts.locale, opts.now);
}

/** Every maintenance announced in the last `days` days or still ahead, newest first (for the feeds). */
export async function findRecentMaintenance(
  db: DB,
  opts: { now: number; locale: Locale; since: number; limit: number },
): Promise<MaintenanceView[]> {
  const rows = await db
    .selectFrom("maintenances")
    .select(["id", "title", "body", "starts_at", "ends_at", "status", "updated_at"])
    .where("ends_at", ">=", opts.since)
    .orderBy("starts_at", "desc")
    .orderBy("id", "desc")
    .limit(opts.limit)
    .execute();
  return withComponents(db, rows, opts.locale, opts.now);
}
