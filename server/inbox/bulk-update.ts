import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { updateTicket } from "../tickets/update-ticket";
import { changeTicketTags, ZTagName } from "../taxonomy/tags";
import { msg, localizeMessage, type Locale } from "@/lib/i18n";
import { BULK_LIMIT, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";

const id = z.number().int().positive();
export const ZBulkUpdate = z
  .object({
    ticketIds: z
      .array(id)
      .min(1, msg("inbox.err.bulkNone"))
      .max(BULK_LIMIT, msg("inbox.err.bulkLimit"))
      .transform((ids) => [...new Set(ids)]),
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    assigneeId: id.nullable().optional(),
    teamId: id.nullable().optional(),
    addTags: z.array(ZTagName).max(20).default([]),
    removeTags: z.array(ZTagName).max(20).default([]),
  })
  .refine(
    (v) =>
      v.status !== undefined ||
      v.priority !== undefined ||
      v.assigneeId !== undefined ||
      v.teamId !== undefined ||
      v.addTags.length > 0 ||
      v.removeTags.length > 0,
    msg("err.nothingToChange"),
  );
export type TBulkUpdate = z.input<typeof ZBulkUpdate>;

export interface BulkResult {
  ticketId: number;
  ok: boolean;
  /** Why this ticket was not changed (the others were): a domain error's code and its sentence. */
  code?: string;
  message?: string;
}

/**
 * The same change applied to up to BULK_LIMIT tickets, each in its own transaction through the same rules as
 * a single change (access, closed tickets, audit): one ticket that refuses does not undo the others, and the
 * result says, ticket by ticket, what happened.
 */
export async function bulkUpdateTickets(db: DB, ctx: RequestCtx & { locale?: Locale }, raw: TBulkUpdate): Promise<BulkResult[]> {
  const actor = ctx.actor;
  const input = ZBulkUpdate.parse(raw);
  const wantsAssign = input.assigneeId !== undefined;
  if (!can(actor, "ticket.update") || (wantsAssign && !can(actor, "ticket.assign"))) throw notFound();
  const fields = { status: input.status, priority: input.priority, assigneeId: input.assigneeId, teamId: input.teamId };
  const hasFields = Object.values(fields).some((v) => v !== undefined);
  const results: BulkResult[] = [];
  for (const ticketId of input.ticketIds) {
    try {
      if (hasFields) await updateTicket(db, ctx, { ticketId, ...fields });
      if (input.addTags.length || input.removeTags.length)
        await changeTicketTags(db, ctx, { ticketId, add: input.addTags, remove: input.removeTags });
      results.push({ ticketId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ ticketId, ok: false, code: err.code, message: localizeMessage(ctx.locale ?? "en", err.message) });
    }
  }
  return results;
}
