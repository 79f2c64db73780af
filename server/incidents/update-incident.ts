import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { emitStatusEvent } from "../status/events";
import { assertCan } from "../components/access";
import { recomputeComponentStatuses } from "../components/recompute-status";
import { ZPostUpdate, ZResolveIncident, type TPostUpdate, type TResolveIncident } from "./schemas";
import { affectedOf, applyAffected, insertUpdate, lockIncidentOrThrow } from "./store";
import { replyOnLinkedTickets, solveLinkedTickets, type LinkedOutcome } from "./linked-tickets";
import { transact } from "../db/transact";

export interface UpdateResult {
  updateId: number;
  replied: LinkedOutcome;
  solved: LinkedOutcome;
}
const none: LinkedOutcome = { done: 0, skipped: 0 };

/**
 * A timeline update: new status and text, optionally a new impact and component statuses. Linked tickets
 * are answered after the update commits, each in its own transaction (one closed ticket must not undo the update).
 */
export async function postIncidentUpdate(db: DB, ctx: RequestCtx, raw: TPostUpdate, appUrl: string): Promise<UpdateResult> {
  assertCan(ctx, "incident.manage");
  const input = ZPostUpdate.parse(raw);
  const now = ctx.now();
  const updateId = await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, input.incidentId, { open: true });
    const before = await affectedOf(trx, inc.id);
    if (input.components) await applyAffected(trx, inc.id, input.components);
    const impact = input.impact ?? inc.impact;
    await trx.updateTable("incidents").set({ status: input.status, impact, updated_at: now }).where("id", "=", inc.id).execute();
    const id = await insertUpdate(trx, ctx, inc.id, input.status, input.body);
    const after = await affectedOf(trx, inc.id);
    await recordAudit(trx, ctx, {
      action: "incident.updated",
      entityType: "incident",
      entityId: inc.id,
      before: { status: inc.status, impact: inc.impact, components: before },
      after: { status: input.status, impact, components: after, updateId: id },
    });
    await recomputeComponentStatuses(
      trx,
      ctx,
      after.map((c) => c.componentId),
    );
    await emitStatusEvent(trx, now, { type: "incident.updated", incidentId: inc.id, updateId: id });
    return id;
  });
  const replied = input.notifyLinkedTickets ? await replyOnLinkedTickets(db, ctx, input.incidentId, input.body, appUrl) : none;
  return { updateId, replied, solved: none };
}

/** Resolves: components go back to operational unless another active incident or maintenance still holds them. */
export async function resolveIncident(db: DB, ctx: RequestCtx, raw: TResolveIncident, appUrl: string): Promise<UpdateResult> {
  assertCan(ctx, "incident.manage");
  const input = ZResolveIncident.parse(raw);
  const now = ctx.now();
  const updateId = await transact(db, async (trx) => {
    const inc = await lockIncidentOrThrow(trx, input.incidentId, { open: true });
    await trx.updateTable("incidents").set({ status: "resolved", resolved_at: now, updated_at: now }).where("id", "=", inc.id).execute();
    const id = await insertUpdate(trx, ctx, inc.id, "resolved", input.body);
    await recordAudit(trx, ctx, {
      action: "incident.resolved",
      entityType: "incident",
      entityId: inc.id,
      before: { status: inc.status, resolvedAt: null },
      after: { status: "resolved", resolvedAt: now, updateId: id },
    });
    await recomputeComponentStatuses(
      trx,
      ctx,
      (await affectedOf(trx, inc.id)).map((c) => c.componentId),
    );
    await emitStatusEvent(trx, now, { type: "incident.resolved", incidentId: inc.id, updateId: id });
    return id;
  });
  const replied = input.notifyLinkedTickets ? await replyOnLinkedTickets(db, ctx, input.incidentId, input.body, appUrl) : none;
  const solved = input.solveLinkedTickets ? await solveLinkedTickets(db, ctx, input.incidentId) : none;
  return { updateId, replied, solved };
}
