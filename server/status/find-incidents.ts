import "server-only";
import type { DB } from "../db";
import type { ComponentStatus, IncidentImpact, IncidentStatus, Locale } from "../db/schema";
import { DAY } from "@/lib/status/uptime";

export interface IncidentComponentRef {
  id: number;
  slug: string;
  name: string;
  status: ComponentStatus;
}

export interface IncidentUpdateView {
  id: number;
  status: IncidentStatus;
  body: string;
  createdAt: number;
}

export interface IncidentSummary {
  id: number;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  auto: boolean;
  startedAt: number;
  resolvedAt: number | null;
  updatedAt: number;
  components: IncidentComponentRef[];
}

export interface IncidentWithUpdates extends IncidentSummary {
  /** Newest first. */
  updates: IncidentUpdateView[];
}

const INCIDENT_COLUMNS = ["id", "title", "impact", "status", "auto", "started_at", "resolved_at", "updated_at"] as const;
type IncidentRow = {
  id: number;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  auto: number;
  started_at: number;
  resolved_at: number | null;
  updated_at: number;
};

function toSummary(r: IncidentRow, components: IncidentComponentRef[]): IncidentSummary {
  return {
    id: Number(r.id),
    title: r.title,
    impact: r.impact,
    status: r.status,
    auto: Number(r.auto) === 1,
    startedAt: Number(r.started_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    updatedAt: Number(r.updated_at),
    components,
  };
}

/** The components each incident touched, in the reader's language. */
export async function componentsOfIncidents(db: DB, ids: number[], locale: Locale): Promise<Map<number, IncidentComponentRef[]>> {
  const out = new Map<number, IncidentComponentRef[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("incident_components as ic")
    .innerJoin("status_components as c", "c.id", "ic.component_id")
    .select(["ic.incident_id", "ic.status", "c.id", "c.slug", "c.name_en", "c.name_ru", "c.position"])
    .where("ic.incident_id", "in", ids)
    .orderBy("c.position")
    .orderBy("c.id")
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.incident_id)) ?? [];
    list.push({ id: Number(r.id), slug: r.slug, name: locale === "ru" ? r.name_ru : r.name_en, status: r.status });
    out.set(Number(r.incident_id), list);
  }
  return out;
}

async function updatesOf(db: DB, ids: number[]): Promise<Map<number, IncidentUpdateView[]>> {
  const out = new Map<number, IncidentUpdateView[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("incident_updates")
    .select(["id", "incident_id", "status", "body", "created_at"])
    .where("incident_id", "in", ids)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.incident_id)) ?? [];
    list.push({ id: Number(r.id), status: r.status, body: r.body, createdAt: Number(r.created_at) });
    out.set(Number(r.incident_id), list);
  }
  return out;
}

/** Incidents not yet resolved (merged ones live on in the incident they were merged into), newest first. */
export async function findActiveIncidents(db: DB, locale: Locale): Promise<IncidentWithUpdates[]> {
  const rows = await db
    .selectFrom("incidents")
    .select(INCIDENT_COLUMNS)
    .where("status", "!=", "resolved")
    .where("merged_into_id", "is", null)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const [components, updates] = await Promise.all([componentsOfIncidents(db, ids, locale), updatesOf(db, ids)]);
  return rows.map((r) => ({ ...toSummary(r, components.get(Number(r.id)) ?? []), updates: updates.get(Number(r.id)) ?? [] }));
}

export interface HistoryCursor {
  startedAt: number;
  id: number;
}

export function encodeCursor(c: HistoryCursor): string {
  return `${c.startedAt}-${c.id}`;
}

export function decodeCursor(s: string | undefined | null): HistoryCursor | undefined {
  const m = /^(\d{1,15})-(\d{1,12})$/.exec(s ?? "");
  return m ? { startedAt: Number(m[1]), id: Number(m[2]) } : undefined;
}

export const HISTORY_DAYS = 90;

/**
 * Incidents of the last 90 days, newest first, a page at a time: `before` is the key of the last row of
 * the previous page, so pages stay stable while new incidents arrive.
 */
export async function findIncidentHistory(
  db: DB,
  opts: { now: number; locale: Locale; before?: HistoryCursor; limit?: number },
): Promise<{ items: IncidentSummary[]; next?: string }> {
  const limit = Math.min(Math.max(opts.limit ?? 10, 1), 50);
  let q = db
    .selectFrom("incidents")
    .select(INCIDENT_COLUMNS)
    .where("merged_into_id", "is", null)
    .where("started_at", ">=", opts.now - HISTORY_DAYS * DAY);
  const b = opts.before;
  if (b)
    q = q.where((eb) => eb.or([eb("started_at", "<", b.startedAt), eb.and([eb("started_at", "=", b.startedAt), eb("id", "<", b.id)])]));
  const rows = await q
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const components = await componentsOfIncidents(
    db,
    page.map((r) => Number(r.id)),
    opts.locale,
  );
  const items = page.map((r) => toSummary(r, components.get(Number(r.id)) ?? []));
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor({ startedAt: last.startedAt, id: last.id }) : undefined };
}

export interface PublicIncident extends IncidentWithUpdates {
  /** Markdown, only once published. */
  postmortem: { body: string; publishedAt: number } | null;
}

/**
 * One incident for the public page. A merged incident answers with the id it was merged into, so the
 * page can redirect there; an unknown id answers null.
 */
export async function getPublicIncident(db: DB, id: number, locale: Locale): Promise<PublicIncident | { mergedInto: number } | null> {
  const r = await db
    .selectFrom("incidents")
    .select([...INCIDENT_COLUMNS, "merged_into_id", "postmortem", "postmortem_published_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!r) return null;
  if (r.merged_into_id !== null) return { mergedInto: Number(r.merged_into_id) };
  const [components, updates] = await Promise.all([componentsOfIncidents(db, [id], locale), updatesOf(db, [id])]);
  const published = r.postmortem && r.postmortem_published_at !== null;
  return {
    ...toSummary(r, components.get(id) ?? []),
    updates: updates.get(id) ?? [],
    postmortem: published ? { body: r.postmortem!, publishedAt: Number(r.postmortem_published_at) } : null,
  };
}

/** Incidents that overlap [from, to), per component, for the daily bars (merged ones excluded). */
export async function findIncidentsTouching(
  db: DB,
  from: number,
  to: number,
): Promise<{ componentId: number; id: number; title: string; impact: IncidentImpact; startedAt: number; endedAt: number | null }[]> {
  const rows = await db
    .selectFrom("incidents as i")
    .innerJoin("incident_components as ic", "ic.incident_id", "i.id")
    .select(["ic.component_id", "i.id", "i.title", "i.impact", "i.started_at", "i.resolved_at"])
    .where("i.merged_into_id", "is", null)
    .where("i.started_at", "<", to)
    .where((eb) => eb.or([eb("i.resolved_at", "is", null), eb("i.resolved_at", ">=", from)]))
    .orderBy("i.started_at")
    .execute();
  return rows.map((r) => ({
    componentId: Number(r.component_id),
    id: Number(r.id),
    title: r.title,
    impact: r.impact,
    startedAt: Number(r.started_at),
    endedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  }));
}
