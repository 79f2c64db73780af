import "server-only";
import { forUpdate, type Tx } from "../db/dialect";
import type { ComponentStatus, Incident, IncidentImpact, IncidentStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { msg } from "@/lib/i18n";

export const incidentNotFound = () => notFound(msg("incidents.err.notFound"));

/** The incident, locked. Merged incidents are history: they can no longer change. */
export async function lockIncidentOrThrow(trx: Tx, id: number, opts: { open?: boolean } = {}): Promise<Incident> {
  const incident = await forUpdate(trx, trx.selectFrom("incidents").selectAll().where("id", "=", id)).executeTakeFirst();
  if (!incident) throw incidentNotFound();
  if (incident.merged_into_id !== null) throw new AppError("CONFLICT", msg("incidents.err.merged"));
  if (opts.open && incident.status === "resolved") throw new AppError("CONFLICT", msg("incidents.err.resolved"));
  return incident;
}

export async function assertComponentsExist(trx: Tx, ids: number[], field = "components"): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx.selectFrom("status_components").select("id").where("id", "in", ids).execute();
  if (found.length !== new Set(ids).size) throw new AppError("INVALID_INPUT", msg("incidents.err.componentNotFound"), field);
}

export async function affectedOf(trx: Tx, incidentId: number): Promise<{ componentId: number; status: ComponentStatus }[]> {
  const rows = await trx
    .selectFrom("incident_components")
    .select(["component_id", "status"])
    .where("incident_id", "=", incidentId)
    .orderBy("component_id")
    .execute();
  return rows.map((r) => ({ componentId: r.component_id, status: r.status }));
}

/** Adds components to the incident or changes their status; a component is never dropped from its history. */
export async function applyAffected(trx: Tx, incidentId: number, list: { componentId: number; status: ComponentStatus }[]): Promise<void> {
  await assertComponentsExist(
    trx,
    list.map((c) => c.componentId),
  );
  const existing = new Map((await affectedOf(trx, incidentId)).map((c) => [c.componentId, c.status]));
  for (const c of list) {
    if (!existing.has(c.componentId)) {
      await trx
        .insertInto("incident_components")
        .values({ incident_id: incidentId, component_id: c.componentId, status: c.status })
        .execute();
    } else if (existing.get(c.componentId) !== c.status) {
      await trx
        .updateTable("incident_components")
        .set({ status: c.status })
        .where("incident_id", "=", incidentId)
        .where("component_id", "=", c.componentId)
        .execute();
    }
  }
}

export async function insertUpdate(trx: Tx, ctx: RequestCtx, incidentId: number, status: IncidentStatus, body: string): Promise<number> {
  const res = await trx
    .insertInto("incident_updates")
    .values({ incident_id: incidentId, status, body, author_id: ctx.actor?.id ?? null, created_at: ctx.now() })
    .executeTakeFirstOrThrow();
  return Number(res.insertId);
}

const IMPACT_RANK: Record<IncidentImpact, number> = { none: 0, minor: 1, major: 2, critical: 3 };
export function worseImpact(a: IncidentImpact, b: IncidentImpact): IncidentImpact {
  return IMPACT_RANK[a] >= IMPACT_RANK[b] ? a : b;
}
