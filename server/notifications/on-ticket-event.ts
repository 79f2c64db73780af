import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";
import { notify } from "./notify";
import { mentionedStaff } from "./mentions";

/**
 * Notifications to staff that follow from a ticket event (server/tickets/ticket-events.ts): the new assignee
 * (someone else's assignment, or round-robin on a new ticket, told as Mayak's), the assignee when the requester
 * replies, and staff mentioned with @name in a note. The requester's email on a public reply is add-message's.
 */
export async function notifyTicketEvent(trx: Tx, ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  const t = event.ticket;
  const base = { ticketId: t.id, vars: { subject: t.subject } };
  if (event.kind === "created") {
    if (t.assignee_id !== null) await notify(trx, { ...ctx, actor: null }, { ...base, kind: "assigned", userIds: [t.assignee_id] });
  } else if (event.kind === "changed") {
    if (t.assignee_id !== null && t.assignee_id !== event.before.assignee_id)
      await notify(trx, ctx, { ...base, kind: "assigned", userIds: [t.assignee_id] });
  } else if (event.message.kind === "note") {
    const mentioned = await mentionedStaff(trx, event.message.body);
    if (mentioned.length) await notify(trx, ctx, { ...base, kind: "mentioned", userIds: mentioned });
  } else if (!event.message.byStaff && t.assignee_id !== null) {
    await notify(trx, ctx, { ...base, kind: "customer_replied", userIds: [t.assignee_id] });
  }
  return event;
}
