import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { markTicketFiled } from "../kb/analytics";
import { ticketStatusColumns, ZCreateTicket, type TCreateTicket } from "./schemas";
import { transact } from "../db/transact";
import { claimAttachments } from "../attachments/attachments";
import { afterTicketEvent, readTicketRow } from "./ticket-events";
import { msg } from "@/lib/i18n";

/** A customer (or staff on their own behalf) files a ticket; its category routes it (server/routing/on-ticket-event.ts). */
export async function createTicket(db: DB, ctx: RequestCtx, raw: TCreateTicket): Promise<{ id: number }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to file a ticket");
  const input = ZCreateTicket.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    if (input.categoryId !== null) {
      const category = await trx
        .selectFrom("categories")
        .select("id")
        .where("id", "=", input.categoryId)
        .where("archived", "=", 0)
        .executeTakeFirst();
      if (!category) throw new AppError("INVALID_INPUT", msg("inbox.err.categoryNotFound"), "categoryId");
    }
    const res = await trx
      .insertInto("tickets")
      .values({
        requester_id: actor.id,
        assignee_id: null,
        subject: input.subject,
        description: input.description,
        steps: input.steps,
        expected: input.expected,
        actual: input.actual,
        page_url: input.pageUrl,
        priority: input.priority,
        category_id: input.categoryId,
        ...ticketStatusColumns("new"),
        created_at: now,
        updated_at: now,
        first_response_at: null,
        solved_at: null,
      })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    // The description's files: a refused claim (someone else's upload, over the limits) rolls the ticket back too.
    const files = await claimAttachments(trx, actor, input.attachmentIds, { ticketId: id, messageId: null }, now);
    await markTicketFiled(trx, now, ctx.visitor);
    await recordAudit(trx, ctx, {
      action: "ticket.created",
      entityType: "ticket",
      entityId: id,
      after: {
        subject: input.subject,
        priority: input.priority,
        status: "new",
        ...(input.categoryId !== null ? { categoryId: input.categoryId } : {}),
        ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
      },
    });
    await afterTicketEvent(trx, ctx, { kind: "created", ticket: await readTicketRow(trx, id) });
    return { id };
  });
}
