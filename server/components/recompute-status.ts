import "server-only";
import type { Tx } from "../db/dialect";
import type { ComponentStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";

/** How bad a status is: an outage during maintenance still shows as the outage. */
const SEVERITY: Record<ComponentStatus, number> = {
  operational: 0,
  maintenance: 1,
  degraded: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worstStatus(statuses: ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

/**
 * What a component should show: the worst of its active (unresolved, unmerged) incidents, running
 * maintenance and, outside maintenance, its enabled monitors (down: major outage; degraded: degraded).
 */
export async function derivedComponentStatus(trx: Tx, componentId: number): Promise<ComponentStatus> {
  const fromIncidents = await trx
    .selectFrom("incident_components as ic")
    .innerJoin("incidents as i", "i.id", "ic.incident_id")
    .select("ic.status")
    .where("ic.component_id", "=", componentId)
    .where("i.status", "!=", "resolved")
    .where("i.merged_into_id", "is", null)
    .execute();
  const inMaintenance = await trx
    .selectFrom("maintenance_components as mc")
    .innerJoin("maintenances as m", "m.id", "mc.maintenance_id")
    .select("m.id")
    .where("mc.component_id", "=", componentId)
    .where("m.status", "=", "in_progress")
    .executeTakeFirst();
  const monitors = inMaintenance
    ? []
    : await trx.selectFrom("monitors").select("state").where("component_id", "=", componentId).where("enabled", "=", 1).execute();
  const fromMonitors: ComponentStatus[] = monitors.map((m) =>
    m.state === "down" ? "major_outage" : m.state === "degraded" ? "degraded" : "operational",
  );
  return worstStatus([...fromIncidents.map((r) => r.status), ...(inMaintenance ? (["maintenance"] as const) : []), ...fromMonitors]);
}

/**
 * The one function that moves a component's status after an incident or maintenance changes: the
 * worst status among what still affects it, or operational. Audited when the status changes.
 */
export async function recomputeComponentStatus(trx: Tx, ctx: RequestCtx, componentId: number): Promise<ComponentStatus | null> {
  const current = await trx.selectFrom("status_components").select(["status"]).where("id", "=", componentId).executeTakeFirst();
  if (!current) return null;
  const next = await derivedComponentStatus(trx, componentId);
  if (next !== current.status) await writeComponentStatus(trx, ctx, componentId, current.status, next);
  return next;
}

export async function recomputeComponentStatuses(trx: Tx, ctx: RequestCtx, componentIds: Iterable<number>): Promise<void> {
  for (const id of [...new Set(componentIds)].sort((a, b) => a - b)) await recomputeComponentStatus(trx, ctx, id);
}

export async function writeComponentStatus(
  trx: Tx,
  ctx: RequestCtx,
  id: number,
  before: ComponentStatus,
  after: ComponentStatus,
): Promise<void> {
  await trx.updateTable("status_components").set({ status: after, updated_at: ctx.now() }).where("id", "=", id).execute();
  await recordAudit(trx, ctx, {
    action: "component.status_changed",
    entityType: "status_component",
    entityId: id,
    before: { status: before },
    after: { status: after },
  });
}
