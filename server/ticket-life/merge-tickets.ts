import "server-only";
import { z } from "zod";
import type { DB, Tx } from "../db";
import type { Ticket } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { queueEmail } from "../email/queue-email";
import { transact } from "../db/transact";
import { lockVisibleTicketOrThrow } from "../tickets/load-ticket";
import { ticketStatusColumns, ZTicketId } from "../tickets/schemas";
import { afterTicketEvent } from "../tickets/ticket-events";
import { notify } from "../notifications/notify";
import { localizeMessage, msg, translate, type Locale } from "@/lib/i18n";
import { BULK_LIMIT } from "@/lib/tickets";

export const ZMergeTicket = z.object({
  sourceId: ZTicketId,
  targetId: ZTicketId,
  /** Required when the two tickets have different requesters: the agent has seen that and confirms. */
  acrossRequesters: z.boolean().default(false),
});
export type TMergeTicket = z.input<typeof ZMergeTicket>;

export const ZBulkMerge = z.object({
  ticketIds: z
    .array(ZTicketId)
    .min(1, msg("inbox.err.bulkNone"))
    .max(BULK_LIMIT, msg("inbox.err.bulkLimit"))
    .transform((ids) => [...new Set(ids)]),
  targetId: ZTicketId,
  acrossRequesters: z.boolean().default(false),
});
export type TBulkMerge = z.input<typeof ZBulkMerge>;

/** The source's own text (subject, description, steps…) as the first message it brings into the target. */
function openingText(t: Ticket): string {
  const parts = [`#${t.id} ${t.subject}`, t.description];
  if (t.steps) parts.push(t.steps);
  if (t.expected) parts.push(t.expected);
  if (t.actual) parts.push(t.actual);
  if (t.page_url) parts.push(t.page_url);
  return parts.join("\n\n");
}

/** Locks both tickets in id order (two merges of the same pair in opposite directions cannot deadlock). */
async function lockPair(trx: Tx, ctx: RequestCtx, sourceId: number, targetId: number): Promise<[Ticket, Ticket]> {
  const first = await lockVisibleTicketOrThrow(trx, ctx.actor, Math.min(sourceId, targetId));
  const second = await lockVisibleTicketOrThrow(trx, ctx.actor, Math.max(sourceId, targetId));
  return sourceId < targetId ? [first, second] : [second, first];
}

/**
 * Merges a duplicate (source) into another ticket (target), in one transaction: the source's opening text
 * becomes a message of the target at the time it was written, its messages and files move over keeping
 * their times (the conversation reads in time order), the source is closed and keeps a pointer to the
 * target (ticket_links), both tickets are audited, and the source's requester is emailed where the
 * conversation went. Refused: into itself, into or from a closed ticket, and across requesters unless the
 * caller confirms it.
 */
export async function mergeTicket(db: DB, ctx: RequestCtx, raw: TMergeTicket, appUrl: string): Promise<{ targetId: number }> {
  const input = ZMergeTicket.parse(raw);
  if (!can(ctx.actor, "ticket.update")) throw notFound(msg("err.ticketNotFound"));
  if (input.sourceId === input.targetId) throw new AppError("INVALID_INPUT", msg("ticketLife.err.mergeSelf"), "targetId");
  const now = ctx.now();
  await transact(db, async (trx) => {
    const [source, target] = await lockPair(trx, ctx, input.sourceId, input.targetId);
    if (target.status === "closed") throw new AppError("TICKET_CLOSED", msg("ticketLife.err.mergeIntoClosed"), "targetId");
    if (source.status === "closed") throw new AppError("TICKET_CLOSED", msg("ticketLife.err.mergeClosed"), "sourceId");
    if (source.requester_id !== target.requester_id && !input.acrossRequesters)
      throw new AppError("CONFLICT", msg("ticketLife.err.mergeRequesters"), "acrossRequesters");

    // The source's opening becomes a message of the target, written by its requester when it was.
    const opening = await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: target.id,
        author_id: source.requester_id,
        kind: "reply",
        body: openingText(source),
        created_at: source.created_at,
      })
      .executeTakeFirstOrThrow();
    const openingId = Number(opening.insertId);
    await trx
      .updateTable("ticket_attachments")
      .set({ ticket_id: target.id, message_id: openingId })
      .where("ticket_id", "=", source.id)
      .where("message_id", "is", null)
      .execute();
    await trx.updateTable("ticket_attachments").set({ ticket_id: target.id }).where("ticket_id", "=", source.id).execute();
    const moved = await trx
      .updateTable("ticket_messages")
      .set({ ticket_id: target.id })
      .where("ticket_id", "=", source.id)
      .executeTakeFirst();
    await trx
      .insertInto("ticket_links")
      .values({ ticket_id: source.id, kind: "merged_into", other_id: target.id, created_by: ctx.actor?.id ?? null, created_at: now })
      .execute();

    const sourceChanges = { ...ticketStatusColumns("closed"), solved_at: source.solved_at ?? now, updated_at: now };
    await trx.updateTable("tickets").set(sourceChanges).where("id", "=", source.id).execute();
    await trx.updateTable("tickets").set({ updated_at: now }).where("id", "=", target.id).execute();

    await recordAudit(trx, ctx, {
      action: "ticket.merged_into",
      entityType: "ticket",
      entityId: source.id,
      before: { status: source.status },
      after: { status: "closed", targetId: target.id },
    });
    await recordAudit(trx, ctx, {
      action: "ticket.merged",
      entityType: "ticket",
      entityId: target.id,
      after: { sourceId: source.id, messages: Number(moved.numUpdatedRows) + 1 },
    });

    const requester = await trx
      .selectFrom("users")
      .select(["email", "locale"])
      .where("id", "=", source.requester_id)
      .executeTakeFirstOrThrow();
    const vars = { id: String(source.id), target: String(target.id), subject: source.subject, link: `${appUrl}/tickets/${target.id}` };
    await queueEmail(trx, now, {
      to: requester.email,
      subject: translate(requester.locale, "ticketLife.email.merged.subject", vars),
      text: translate(requester.locale, "ticketLife.email.merged.body", vars),
    });

    // Staff assigned to either ticket hear of it (in the app, per their switches).
    const assignees = [source.assignee_id, target.assignee_id].filter((id): id is number => id !== null);
    await notify(trx, ctx, { kind: "ticket_merged", userIds: assignees, ticketId: target.id });

    await afterTicketEvent(trx, ctx, { kind: "changed", before: source, ticket: { ...source, ...sourceChanges } });
    await afterTicketEvent(trx, ctx, { kind: "changed", before: target, ticket: { ...target, updated_at: now } });
  });
  return { targetId: input.targetId };
}

export interface MergeResult {
  ticketId: number;
  ok: boolean;
  code?: string;
  message?: string;
}

/**
 * Several tickets into one target from the list: each merge is its own transaction through the same rules,
 * so one refusal does not undo the others, and the result says what happened to each ticket.
 */
export async function bulkMergeTickets(
  db: DB,
  ctx: RequestCtx & { locale?: Locale },
  raw: TBulkMerge,
  appUrl: string,
): Promise<MergeResult[]> {
  const input = ZBulkMerge.parse(raw);
  if (!can(ctx.actor, "ticket.update")) throw notFound();
  const results: MergeResult[] = [];
  for (const ticketId of input.ticketIds) {
    if (ticketId === input.targetId) continue;
    try {
      await mergeTicket(db, ctx, { sourceId: ticketId, targetId: input.targetId, acrossRequesters: input.acrossRequesters }, appUrl);
      results.push({ ticketId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ ticketId, ok: false, code: err.code, message: localizeMessage(ctx.locale ?? "en", err.message) });
    }
  }
  return results;
}
