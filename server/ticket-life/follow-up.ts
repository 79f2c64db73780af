import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { getVisibleTicketOrThrow } from "../tickets/load-ticket";
import { createTicket } from "../tickets/create-ticket";
import { ZTicketId } from "../tickets/schemas";
import { msg, translate } from "@/lib/i18n";
import { zText } from "@/lib/text-field";

export const ZFollowUp = z.object({
  ticketId: ZTicketId,
  body: zText().trim().min(10, msg("err.description.short")).max(50_000, msg("err.text.long")),
});
export type TFollowUp = z.input<typeof ZFollowUp>;

/**
 * A closed ticket takes no reply; its requester may continue in a new ticket linked to it ("follow-up to #N").
 * The new ticket is filed through createTicket (routing, counters, audit as for any ticket); the link and its
 * audit events on both tickets follow in their own transaction.
 */
export async function createFollowUp(db: DB, ctx: RequestCtx, raw: TFollowUp): Promise<{ id: number }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const input = ZFollowUp.parse(raw);
  const old = await getVisibleTicketOrThrow(db, actor, input.ticketId);
  if (old.requester_id !== actor.id) throw notFound(msg("err.ticketNotFound"));
  if (old.status !== "closed") throw new AppError("INVALID_INPUT", msg("ticketLife.err.followUpOpen"), "ticketId");
  const subject = translate(actor.locale, "ticketLife.followUp.subject", { id: old.id, subject: old.subject }).slice(0, 200);
  const { id } = await createTicket(db, ctx, { subject, description: input.body, priority: old.priority });
  await transact(db, async (trx) => {
    await trx
      .insertInto("ticket_links")
      .values({ ticket_id: id, kind: "follow_up_of", other_id: old.id, created_by: actor.id, created_at: ctx.now() })
      .execute();
    await recordAudit(trx, ctx, { action: "ticket.follow_up_of", entityType: "ticket", entityId: id, after: { ticketId: old.id } });
    await recordAudit(trx, ctx, { action: "ticket.follow_up_opened", entityType: "ticket", entityId: old.id, after: { followUpId: id } });
  });
  return { id };
}
