import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";
import { zText } from "@/lib/text-field";
import { OPEN_STATUSES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/tickets";

/** The status and the flag derived from it, always written together. */
export function ticketStatusColumns(status: (typeof TICKET_STATUSES)[number]): { status: typeof status; is_open: number } {
  return { status, is_open: (OPEN_STATUSES as readonly string[]).includes(status) ? 1 : 0 };
}

export const ZTicketId = z.number().int().positive();
export const ZStatus = z.enum(TICKET_STATUSES);
export const ZPriority = z.enum(TICKET_PRIORITIES);

// 50,000 characters per field: fits the mediumtext column whatever the script.
const BODY_MAX = 50_000;
const body = () => zText().trim().max(BODY_MAX, msg("err.text.long"));

export const ZCreateTicket = z.object({
  subject: zText().trim().min(3, msg("err.subject.short")).max(200, msg("err.subject.long")),
  description: body().min(10, msg("err.description.short")),
  steps: body().default(""),
  expected: body().default(""),
  actual: body().default(""),
  pageUrl: zText()
    .trim()
    .max(2048, msg("err.url.long"))
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), msg("err.url.invalid"))
    .default(""),
  priority: ZPriority.default("normal"),
  /** The customer's choice among the active categories (server/taxonomy); it routes the ticket to a team. */
  categoryId: z.number().int().positive().nullable().default(null),
  // Files uploaded first (POST /api/attachments), claimed in the ticket's transaction: server/attachments.
  attachmentIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type TCreateTicket = z.input<typeof ZCreateTicket>;

export const ZAddMessage = z.object({
  ticketId: ZTicketId,
  body: body().min(1, msg("err.message.empty")),
  kind: z.enum(["reply", "note"]).default("reply"),
});
export type TAddMessage = z.input<typeof ZAddMessage>;

export const ZUpdateTicket = z
  .object({
    ticketId: ZTicketId,
    status: ZStatus.optional(),
    priority: ZPriority.optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    teamId: z.number().int().positive().nullable().optional(),
    categoryId: z.number().int().positive().nullable().optional(),
  })
  .refine(
    (v) =>
      v.status !== undefined ||
      v.priority !== undefined ||
      v.assigneeId !== undefined ||
      v.teamId !== undefined ||
      v.categoryId !== undefined,
    msg("err.nothingToChange"),
  );
export type TUpdateTicket = z.input<typeof ZUpdateTicket>;

export const ZFindTickets = z.object({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TFindTickets = z.input<typeof ZFindTickets>;
