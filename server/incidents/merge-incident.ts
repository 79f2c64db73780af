import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { emitStatusEvent } from "../status/events";
import { assertCan } from "../components/access";
import { recomputeComponentStatuses, worstStatus } from "../components/recompute-status";
import { translate } from "@/lib/i18n";
import { ZMergeIncident, type TMergeIncident } from "./schemas";
import { affectedOf, insertUpdate, lockIncidentOrThrow, worseImpact } from "./store";
import { transact } from "../db/transact";

/**
 * Folds `source` into `target`: its updates, ticket links and components move over, the target keeps the
 * earlier start and the worse impact, and the source is closed with `merged_into_id` (public lists skip it).
 */
export async function mergeIncident(db: DB, ctx: RequestCtx, raw: TMergeIncident): Promise<{ targetId: number; updateId: number }> {
  assertCan(ctx, "incident.manage");
  const input = ZMergeIncident.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const [first, second] = [input.sourceId, input.targetId].sort((a, b) => a - b);
    const locked = [await lockIncidentOrThrow(trx, first), await lockIncidentOrThrow(trx, second)];
    const source = locked.find((i) => i.id === input.sourceId)!;
    const target = locked.find((i) => i.id === input.targetId)!;

    const sourceComponents = await affectedOf(trx, source.id);
    const targetComponents = new Map((await affectedOf(trx, target.id)).map((c) => [c.componentId, c.status]));
    for (const c of sourceComponents) {
      const existing = targetComponents.get(c.componentId);
      if (existing === undefined) {
        await trx
          .insertInto("incident_components")
          .values({ incident_id: target.id, component_id: c.componentId, status: c.status })
          .execute();
      } else if (worstStatus([existing, c.status]) !== existing) {
        await trx
          .updateTable("incident_components")
          .set({ status: c.status })
          .where("incident_id", "=", target.id)
          .where("component_id", "=", c.componentId)
          .execute();
      }
    }
    await trx.deleteFrom("incident_components").where("incident_id", "=", source.id).execute();

    const targetLinks = new Set(
      (await trx.selectFrom("incident_tickets").select("ticket_id").where("incident_id", "=", target.id).execute()).map((r) => r.ticket_id),
    );
    const sourceLinks = await trx.selectFrom("incident_tickets").selectAll().where("incident_id", "=", source.id).execute();
    for (const l of sourceLinks.filter((l) => !targetLinks.has(l.ticket_id))) {
      await trx
        .insertInto("incident_tickets")
        .values({ ...l, incident_id: target.id })
        .execute();
    }
    await trx.deleteFrom("incident_tickets").where("incident_id", "=", source.id).execute();
    await trx.updateTable("incident_updates").set({ incident_id: target.id }).where("incident_id", "=", source.id).execute();
    await trx.updateTable("monitor_alerts").set({ incident_id: target.id }).where("incident_id", "=", source.id).execute();

    await trx
      .updateTable("incidents")
      .set({ merged_into_id: target.id, status: "resolved", resolved_at: source.resolved_at ?? now, updated_at: now })
      .where("id", "=", source.id)
      .execute();
    const startedAt = Math.min(source.started_at, target.started_at);
    const impact = worseImpact(target.impact, source.impact);
    await trx.updateTable("incidents").set({ started_at: startedAt, impact, updated_at: now }).where("id", "=", target.id).execute();

    const locale = ctx.actor?.locale ?? "en";
    const body = input.body || translate(locale, "incidents.merge.note", { id: source.id, title: source.title });
    const updateId = await insertUpdate(trx, ctx, target.id, target.status, body);
    await recordAudit(trx, ctx, {
      action: "incident.merged",
      entityType: "incident",
      entityId: source.id,
      before: { status: source.status, mergedIntoId: null },
      after: { mergedIntoId: target.id, movedTickets: sourceLinks.length, movedComponents: sourceComponents.length, updateId },
    });
    await recomputeComponentStatuses(trx, ctx, [...sourceComponents.map((c) => c.componentId), ...targetComponents.keys()]);
    await emitStatusEvent(trx, now, { type: "incident.updated", incidentId: target.id, updateId });
    return { targetId: target.id, updateId };
  });
}
