import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { IncidentImpact, IncidentStatus, ComponentStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { emitStatusEvent } from "../status/events";
import { assertCan } from "../components/access";
import { recomputeComponentStatuses } from "../components/recompute-status";
import { ZOpenIncident, type TOpenIncident } from "./schemas";
import { applyAffected, insertUpdate } from "./store";
import { transact } from "../db/transact";

export interface NewIncident {
  title: string;
  impact: IncidentImpact;
  status: Exclude<IncidentStatus, "resolved">;
  components: { componentId: number; status: ComponentStatus }[];
  body: string;
  /** Set by the monitoring engine for incidents it opens itself. */
  monitorId?: number | null;
}

/**
 * Opens an incident inside the caller's transaction: first timeline update, affected components and
 * their recomputed statuses, audit event and status event. Manual and automatic incidents share it.
 */
export async function openIncidentInTx(trx: Tx, ctx: RequestCtx, input: NewIncident): Promise<{ id: number; updateId: number }> {
  const now = ctx.now();
  const res = await trx
    .insertInto("incidents")
    .values({
      title: input.title,
      impact: input.impact,
      status: input.status,
      auto: input.monitorId ? 1 : 0,
      monitor_id: input.monitorId ?? null,
      started_at: now,
      resolved_at: null,
      merged_into_id: null,
      postmortem: null,
      postmortem_published_at: null,
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  const id = Number(res.insertId);
  await applyAffected(trx, id, input.components);
  const updateId = await insertUpdate(trx, ctx, id, input.status, input.body);
  await recordAudit(trx, ctx, {
    action: "incident.opened",
    entityType: "incident",
    entityId: id,
    after: {
      title: input.title,
      impact: input.impact,
      status: input.status,
      components: input.components,
      monitorId: input.monitorId ?? null,
    },
  });
  await recomputeComponentStatuses(
    trx,
    ctx,
    input.components.map((c) => c.componentId),
  );
  await emitStatusEvent(trx, now, { type: "incident.opened", incidentId: id, updateId });
  return { id, updateId };
}

export async function openIncident(db: DB, ctx: RequestCtx, raw: TOpenIncident): Promise<{ id: number; updateId: number }> {
  assertCan(ctx, "incident.manage");
  const input = ZOpenIncident.parse(raw);
  return transact(db, (trx) => openIncidentInTx(trx, ctx, input));
}
