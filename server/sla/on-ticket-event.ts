import "server-only";
import type { Tx } from "../db";
import type { Ticket } from "../db/schema";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";
import { recordAudit } from "../audit/record-audit";
import { loadPolicies, type Policy } from "./policies";
import { applyPolicies, recordRecompute } from "./apply-policy";
import {
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
    // A new ticket has no clocks: none is read, and its columns come from the clocks just started.
    const { cols } = (await applyPolicies(trx, ctx, [t], policies, { created: true })).get(t.id)!;
    return { ...event, ticket: { ...t, ...cols } };
  }
  const b = event.before;
  if (b.priority !== t.priority || b.category_id !== t.category_id || b.team_id !== t.team_id) {
    const { moved, cols } = (await applyPolicies(trx, ctx, [t], policies)).get(t.id)!;
    if (moved) await recordRecompute(trx, ctx, t.id, cols.sla_policy_id, policies);
  }
  if (isDone(t.status) && !isDone(b.status)) await finishTicket(trx, ctx, t, policies);
  else if (isDone(b.status) && !isDone(t.status)) await restartClocks(trx, ctx, t, policies);
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
  const cols = await refreshTicketSla(trx, t.id);
  return { ...event, ticket: { ...t, ...cols } };
}

/**
 * Reopened (a customer's reply to a solved ticket, or staff setting it open again): the ticket owes a resolution
 * again, so a new resolution clock starts now; the result recorded when it was solved stays as it was. Reopened
 * straight into pending or on hold, the new clock pauses at once, with its pause kept like any other.
 */
async function restartClocks(trx: Tx, ctx: RequestCtx, t: Ticket, policies: Policy[]): Promise<void> {
  const { started } = (await applyPolicies(trx, ctx, [{ ...t, status: "open" }], policies)).get(t.id)!;
  if (started.length === 0) return;
  await recordAudit(trx, ctx, { action: "sla.restarted", entityType: "ticket", entityId: t.id, after: { metrics: started } });
  if (isPausedStatus(t.status)) await pauseClocks(trx, ctx, t);
}
