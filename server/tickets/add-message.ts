import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { queueEmail } from "../email/queue-email";
import { translate, msg } from "@/lib/i18n";
import { zText } from "@/lib/text-field";
import { lockVisibleTicketOrThrow } from "./load-ticket";
import { ticketStatusColumns, ZTicketId } from "./schemas";
import { transact } from "../db/transact";
import { claimAttachments, type AttachmentLimits } from "../attachments/attachments";
import { changesByOthers, ticketVersion } from "./timeline";
import { afterTicketEvent } from "./ticket-events";

/** What a message does to the ticket's status: a customer's reply reopens it, an agent's first reply opens it. */
function nextStatus(current: TicketStatus, byStaff: boolean): TicketStatus {
  if (!byStaff) return current === "new" ? "new" : "open";
  return current === "new" ? "open" : current;
}

/**
 * A reply or note. The body may be empty when files are attached. `seenVersion` is the ticket version
 * (timeline.ts) the writer last saw: when others changed the ticket after it, the message is refused with
 * CONFLICT so the writer can look first; sending again with the newer version confirms.
 */
export const ZReply = z
  .object({
    ticketId: ZTicketId,
    body: zText().trim().max(50_000, msg("err.text.long")).default(""),
    kind: z.enum(["reply", "note"]).default("reply"),
    attachmentIds: z.array(z.number().int().positive()).max(50).default([]),
    seenVersion: z.number().int().min(0).optional(),
    /** The macro the reply came from: its changes follow the reply (server/macros/apply-macro-actions.ts). */
    macroId: z.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.body === "" && v.attachmentIds.length === 0) ctx.addIssue({ code: "custom", path: ["body"], message: msg("err.message.empty") });
  });
export type TReply = z.input<typeof ZReply>;

/**
 * A public reply or an internal note, with its attachments linked in the same transaction. Notes are
 * staff-only. An agent's public reply is emailed to the requester through the outbox, in the same transaction.
 */
export async function addMessage(
  db: DB,
  ctx: RequestCtx,
  raw: TReply,
  appUrl: string,
  limits?: AttachmentLimits,
): Promise<{ id: number; version: number }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const input = ZReply.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    const ticket = await lockVisibleTicketOrThrow(trx, actor, input.ticketId);
    const byStaff = can(actor, "ticket.reply");
    if (input.kind === "note" && !can(actor, "ticket.note")) throw notFound(msg("err.ticketNotFound"));
    if (!byStaff && ticket.requester_id !== actor.id) throw notFound(msg("err.ticketNotFound"));
    if (ticket.status === "closed") throw new AppError("TICKET_CLOSED", msg("err.ticketClosed"));
    // A macro's changes follow the message (the router applies them): it must be one the writer may use.
    if (input.macroId !== undefined) {
      const macro = byStaff
        ? await trx
            .selectFrom("macros")
            .select("id")
            .where("id", "=", input.macroId)
            .where((eb) => eb.or([eb("owner_id", "=", actor.id), eb("owner_id", "is", null)]))
            .executeTakeFirst()
        : undefined;
      if (!macro) throw notFound();
    }
    // The ticket row is locked: every other change to it waits, so what is checked here is what the message follows.
    if (input.seenVersion !== undefined && (await changesByOthers(trx, actor, ticket.id, input.seenVersion)).length > 0) {
      throw new AppError("CONFLICT", msg("collision.err"));
    }

    const res = await trx
      .insertInto("ticket_messages")
      .values({ ticket_id: ticket.id, author_id: actor.id, kind: input.kind, body: input.body, created_at: now })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    const files = await claimAttachments(trx, actor, input.attachmentIds, { ticketId: ticket.id, messageId: id }, now, limits);

    const isPublicStaffReply = input.kind === "reply" && byStaff && ticket.requester_id !== actor.id;
    const status = input.kind === "note" ? ticket.status : nextStatus(ticket.status, byStaff);
    const changes = {
      ...ticketStatusColumns(status),
      solved_at: status === "open" ? null : ticket.solved_at,
      updated_at: now,
      first_response_at: isPublicStaffReply && ticket.first_response_at === null ? now : ticket.first_response_at,
    };
    await trx.updateTable("tickets").set(changes).where("id", "=", ticket.id).execute();

    await recordAudit(trx, ctx, {
      action: input.kind === "note" ? "ticket.note_added" : "ticket.replied",
      entityType: "ticket",
      entityId: ticket.id,
      before: status !== ticket.status ? { status: ticket.status } : undefined,
      after: {
        messageId: id,
        ...(status !== ticket.status ? { status } : {}),
        ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
      },
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
    await afterTicketEvent(trx, ctx, {
      kind: "message",
      before: ticket,
      ticket: { ...ticket, ...changes },
      message: { id, kind: input.kind, authorId: actor.id, byStaff, body: input.body },
    });
    return { id, version: await ticketVersion(trx, actor, ticket.id) };
  });
}
