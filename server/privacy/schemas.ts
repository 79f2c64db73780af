import "server-only";
import { z } from "zod";
import { msg } from "@/lib/i18n";

export const ZUserId = z.object({ userId: z.number().int().positive() });
export type TUserId = z.input<typeof ZUserId>;

export const ZDeleteMyAccount = z.object({
  password: z.string().min(1, msg("privacy.err.passwordEmpty")).max(200, msg("err.password.long")),
});
export type TDeleteMyAccount = z.input<typeof ZDeleteMyAccount>;

export const TICKET_RETENTION_ACTIONS = ["delete", "anonymise"] as const;

/** Days, or null for "keep for ever" (the default). The audit trail is kept at least 30 days. */
const days = (min: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(36_500, message).nullable();

export const ZRetentionSettings = z.object({
  closedTicketDays: days(1, msg("privacy.err.ticketDays")),
  closedTicketAction: z.enum(TICKET_RETENTION_ACTIONS),
  auditEventDays: days(30, msg("privacy.err.auditDays")),
});
export type TRetentionSettings = z.input<typeof ZRetentionSettings>;
