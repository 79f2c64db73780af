import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";
import { recordAudit } from "../audit/record-audit";
import { loadPolicies, type Policy } from "./policies";
import {
  applyPolicy,
  completeClock,
  finishTicket,
  isDone,
  isPausedStatus,
  pauseClocks,
  refreshTicketSla,
  resumeClocks,
  startNextResponse,
} from "./clocks";

/** SLA clocks: due times, pauses and recorded targets, run for every ticket event (server/tickets/ticket-events.ts). */
export async function trackSla(trx: Tx, ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  const policies = await loadPolicies(trx);
  const t = event.ticket;
  // No policy anywhere and none on the ticket: nothing to time (a fresh install, or SLAs switched off).
  if (policies.length === 0 && t.sla_policy_id === null) return event;

  if (event.kind === "created") {
    await applyPolicy(trx, ctx, t, policies);
  } else {
    const b = event.before;
    if (b.priority !== t.priority || b.category_id !== t.category_id || b.team_id !== t.team_id) {
      const moved = await applyPolicy(trx, ctx, t, policies);
      if (moved) await recordRecompute(trx, ctx, t.id, policies);
    }
    if (isDone(t.status) && !isDone(b.status)) await finishTicket(trx, ctx, t, policies);
    else if (isPausedStatus(t.status) && !isPausedStatus(b.status)) await pauseClocks(trx, ctx, t);
    else if (!isPausedStatus(t.status) && !isDone(t.status) && isPausedStatus(b.status)) await resumeClocks(trx, ctx, t, policies);

    if (event.kind === "message" && event.message.kind === "reply") {
      if (event.message.byStaff) {
        await completeClock(trx, ctx, t.id, "first_response", policies);
        await completeClock(trx, ctx, t.id, "next_response", policies);
      } else if (t.first_response_at !== null && !isDone(t.status)) {
        await startNextResponse(trx, ctx, t, policies);
      }
    }
  }
  const cols = await refreshTicketSla(trx, t.id);
  return { ...event, ticket: { ...t, ...cols } };
}

/** A timeline line: the clocks now follow the ticket's new priority, category or team (and perhaps a new policy). */
async function recordRecompute(trx: Tx, ctx: RequestCtx, ticketId: number, policies: Policy[]): Promise<void> {
  const row = await trx.selectFrom("tickets").select("sla_policy_id").where("id", "=", ticketId).executeTakeFirstOrThrow();
  const policy = policies.find((p) => p.id === row.sla_policy_id)?.name ?? "—";
  await recordAudit(trx, ctx, { action: "sla.recomputed", entityType: "ticket", entityId: ticketId, after: { policy } });
}
