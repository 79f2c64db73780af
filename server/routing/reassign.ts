import "server-only";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { afterTicketEvent, readTicketRow } from "../tickets/ticket-events";
import { pickAssignee } from "./round-robin";

/**
 * When an agent's account is disabled, their open tickets go back to their team's round-robin (without them),
 * or become unassigned when the ticket has no team or nobody in it can take it. Each ticket is audited
 * ("ticket.reassigned" or "ticket.released") and told as a change, so the new assignee is notified.
 */
export async function reassignOpenTickets(trx: Tx, ctx: RequestCtx, userId: number): Promise<{ reassigned: number; released: number }> {
  const tickets = await trx
    .selectFrom("tickets")
    .select("id")
    .where("assignee_id", "=", userId)
    .where("is_open", "=", 1)
    .orderBy("id")
    .execute();
  const now = ctx.now();
  let reassigned = 0;
  for (const { id } of tickets) {
    const before = await readTicketRow(trx, id);
    const next = before.team_id !== null ? await pickAssignee(trx, before.team_id, now, { exclude: [userId] }) : null;
    await trx.updateTable("tickets").set({ assignee_id: next, updated_at: now }).where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: next !== null ? "ticket.reassigned" : "ticket.released",
      entityType: "ticket",
      entityId: id,
      before: { assigneeId: userId },
      after: { assigneeId: next, reason: "disabled" },
    });
    if (next !== null) reassigned++;
    await afterTicketEvent(trx, ctx, { kind: "changed", before, ticket: { ...before, assignee_id: next, updated_at: now } });
  }
  return { reassigned, released: tickets.length - reassigned };
}
