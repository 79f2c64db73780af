import "server-only";
import type { DB } from "../db";
import type { TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { queueEmail } from "../email/queue-email";
import { translate } from "@/lib/i18n";
import { lockVisibleTicketOrThrow } from "./load-ticket";
import { ticketStatusColumns, ZAddMessage, type TAddMessage } from "./schemas";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

/** What a message does to the ticket's status: a customer's reply reopens it, an agent's first reply opens it. */
function nextStatus(current: TicketStatus, byStaff: boolean): TicketStatus {
  if (!byStaff) return current === "new" ? "new" : "open";
  return current === "new" ? "open" : current;
}

/**
 * A public reply or an internal note. Notes are staff-only. An agent's public reply is emailed to the
 * requester through the outbox, in the same transaction.
 */
export async function addMessage(db: DB, ctx: RequestCtx, raw: TAddMessage, appUrl: string): Promise<{ id: number }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const input = ZAddMessage.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    const ticket = await lockVisibleTicketOrThrow(trx, actor, input.ticketId);
    const byStaff = can(actor, "ticket.reply");
    if (input.kind === "note" && !can(actor, "ticket.note")) throw notFound(msg("err.ticketNotFound"));
    if (!byStaff && ticket.requester_id !== actor.id) throw notFound(msg("err.ticketNotFound"));
    if (ticket.status === "closed") throw new AppError("TICKET_CLOSED", msg("err.ticketClosed"));

    const res = await trx
      .insertInto("ticket_messages")
      .values({ ticket_id: ticket.id, author_id: actor.id, kind: input.kind, body: input.body, created_at: now })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);

    const isPublicStaffReply = input.kind === "reply" && byStaff && ticket.requester_id !== actor.id;
    const status = input.kind === "note" ? ticket.status : nextStatus(ticket.status, byStaff);
    await trx
      .updateTable("tickets")
      .set({
        ...ticketStatusColumns(status),
        updated_at: now,
        first_response_at: isPublicStaffReply && ticket.first_response_at === null ? now : ticket.first_response_at,
      })
      .where("id", "=", ticket.id)
      .execute();

    await recordAudit(trx, ctx, {
      action: input.kind === "note" ? "ticket.note_added" : "ticket.replied",
      entityType: "ticket",
      entityId: ticket.id,
      before: status !== ticket.status ? { status: ticket.status } : undefined,
      after: { messageId: id, ...(status !== ticket.status ? { status } : {}) },
    });

    if (isPublicStaffReply) {
      const requester = await trx
        .selectFrom("users")
        .select(["email", "name", "locale"])
        .where("id", "=", ticket.requester_id)
        .executeTakeFirstOrThrow();
      const vars = {
        id: String(ticket.id),
        subject: ticket.subject,
        name: requester.name,
        agent: actor.name,
        body: input.body,
        link: `${appUrl}/tickets/${ticket.id}`,
      };
      await queueEmail(trx, now, {
        to: requester.email,
        subject: translate(requester.locale, "email.reply.subject", vars),
        text: translate(requester.locale, "email.reply.body", vars),
      });
    }
    return { id };
  });
}
