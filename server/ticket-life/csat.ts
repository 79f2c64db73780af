import "server-only";
import { z } from "zod";
import type { DB, Tx } from "../db";
import type { Ticket, TicketRatingValue } from "../db/schema";
import type { Actor, RequestCtx } from "../context";
import { forUpdate } from "../db/dialect";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { queueEmail } from "../email/queue-email";
import { transact } from "../db/transact";
import { ZTicketId } from "../tickets/schemas";
import { getVisibleTicketOrThrow } from "../tickets/load-ticket";
import { msg, translate } from "@/lib/i18n";
import { zText } from "@/lib/text-field";
import { DAY_MS } from "./auto-close";
import { ratingToken, ratingUrl, readRatingToken } from "./rating-links";
import { notifyLeadOfBadRating } from "./bad-rating";

/** A rating may be given, and changed, for this long after the customer was asked. */
export const RATING_WINDOW_MS = 7 * DAY_MS;

const ZRatingFields = {
  rating: z.enum(["good", "bad"]),
  comment: zText().trim().max(2_000, msg("err.text.long")).default(""),
};
export const ZRateTicket = z.object({ ticketId: ZTicketId, ...ZRatingFields });
export type TRateTicket = z.input<typeof ZRateTicket>;
export const ZRateByLink = z.object({ token: z.string().min(1).max(200), ...ZRatingFields });
export type TRateByLink = z.input<typeof ZRateByLink>;

export interface RatingView {
  rating: TicketRatingValue | null;
  comment: string | null;
  ratedAt: number | null;
  /** Until when the customer may rate or change the rating (null: never asked). */
  openUntil: number | null;
}

export async function readRating(executor: DB | Tx, ticketId: number): Promise<RatingView> {
  const r = await executor.selectFrom("ticket_ratings").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst();
  if (!r) return { rating: null, comment: null, ratedAt: null, openUntil: null };
  return {
    rating: r.rating,
    comment: r.comment,
    ratedAt: r.rated_at === null ? null : Number(r.rated_at),
    openUntil: Number(r.asked_at) + RATING_WINDOW_MS,
  };
}

/**
 * A ticket became solved: its requester gets the solve email, with a link that opens the ticket and, the first
 * time, the request to rate it (two signed links, good and bad). Run from the ticket's event, in its transaction.
 */
export async function askForRating(trx: Tx, ctx: RequestCtx, ticket: Ticket, links: { appUrl: string; key: string }): Promise<void> {
  const now = ctx.now();
  const existing = await trx.selectFrom("ticket_ratings").select("asked_at").where("ticket_id", "=", ticket.id).executeTakeFirst();
  const askedAt = existing ? Number(existing.asked_at) : now;
  if (!existing)
    await trx.insertInto("ticket_ratings").values({ ticket_id: ticket.id, requester_id: ticket.requester_id, asked_at: now }).execute();
  const requester = await trx
    .selectFrom("users")
    .select(["email", "name", "locale"])
    .where("id", "=", ticket.requester_id)
    .executeTakeFirstOrThrow();
  const locale = requester.locale;
  const token = ratingToken(links.key, ticket.id, askedAt);
  const vars = {
    id: String(ticket.id),
    subject: ticket.subject,
    name: requester.name,
    link: `${links.appUrl}${locale === "ru" ? "/ru" : ""}/tickets/${ticket.id}`,
    good: ratingUrl(links.appUrl, locale, token, "good"),
    bad: ratingUrl(links.appUrl, locale, token, "bad"),
  };
  const open = now < askedAt + RATING_WINDOW_MS;
  await queueEmail(trx, now, {
    to: requester.email,
    subject: translate(locale, "ticketLife.email.solved.subject", vars),
    text: translate(locale, open ? "ticketLife.email.solved.body" : "ticketLife.email.solved.bodyNoRating", vars),
  });
}

/** Stores the rating (one per ticket: a new one replaces the old within the window), audited on the ticket. */
async function saveRating(
  trx: Tx,
  ctx: RequestCtx,
  ticketId: number,
  askedAt: number | null,
  input: { rating: TicketRatingValue; comment: string },
): Promise<void> {
  const now = ctx.now();
  const row = await forUpdate(trx, trx.selectFrom("ticket_ratings").selectAll().where("ticket_id", "=", ticketId)).executeTakeFirst();
  // Asked for another request than the link's (never asked, or asked again since): the link is not this ticket's.
  if (!row || (askedAt !== null && Number(row.asked_at) !== askedAt)) throw notFound(msg("ticketLife.err.ratingLink"));
  if (now > Number(row.asked_at) + RATING_WINDOW_MS) throw new AppError("INVALID_INPUT", msg("ticketLife.err.ratingClosed"));
  const comment = input.comment || null;
  if (row.rating === input.rating && row.comment === comment) return;
  await trx.updateTable("ticket_ratings").set({ rating: input.rating, comment, rated_at: now }).where("ticket_id", "=", ticketId).execute();
  await recordAudit(trx, ctx, {
    action: "ticket.rated",
    entityType: "ticket",
    entityId: ticketId,
    before: row.rating ? { rating: row.rating } : undefined,
    after: { rating: input.rating, ...(comment ? { comment } : {}) },
  });
  if (input.rating === "bad" && row.rating !== "bad") await notifyLeadOfBadRating(trx, ctx, ticketId, comment);
}

/** The requester rates their solved or closed ticket in the portal. Anyone else: NOT_FOUND. */
export async function rateTicket(db: DB, ctx: RequestCtx, raw: TRateTicket): Promise<RatingView> {
  const input = ZRateTicket.parse(raw);
  const actor = ctx.actor;
  const t = await getVisibleTicketOrThrow(db, actor, input.ticketId);
  if (!actor || t.requester_id !== actor.id) throw notFound(msg("err.ticketNotFound"));
  await transact(db, (trx) => saveRating(trx, ctx, t.id, null, input));
  return readRating(db, t.id);
}

async function requesterActor(executor: DB | Tx, userId: number): Promise<Actor> {
  return executor.selectFrom("users").select(["id", "role", "email", "name", "locale"]).where("id", "=", userId).executeTakeFirstOrThrow();
}

/**
 * The rating from the emailed link, without signing in: the signature proves the link was sent for this
 * ticket's request to rate, so the rating is recorded as the requester's. A tampered link is NOT_FOUND; a
 * link used after the window is refused.
 */
export async function rateByLink(db: DB, ctx: RequestCtx, raw: TRateByLink, key: string): Promise<RatingView> {
  const input = ZRateByLink.parse(raw);
  const signed = readRatingToken(key, input.token);
  if (!signed) throw notFound(msg("ticketLife.err.ratingLink"));
  const row = await db.selectFrom("ticket_ratings").select("requester_id").where("ticket_id", "=", signed.ticketId).executeTakeFirst();
  if (!row) throw notFound(msg("ticketLife.err.ratingLink"));
  const asRequester = { ...ctx, actor: await requesterActor(db, row.requester_id) };
  await transact(db, (trx) => saveRating(trx, asRequester, signed.ticketId, signed.askedAt, input));
  return readRating(db, signed.ticketId);
}

/** What the rating page shows for a link: the ticket's number and subject and the rating so far. */
export async function readRatingLink(db: DB, token: string, key: string): Promise<{ ticketId: number; subject: string } & RatingView> {
  const signed = readRatingToken(key, token);
  const rating = signed ? await readRating(db, signed.ticketId) : null;
  if (!signed || !rating || rating.openUntil !== signed.askedAt + RATING_WINDOW_MS) throw notFound(msg("ticketLife.err.ratingLink"));
  const t = await db.selectFrom("tickets").select(["id", "subject"]).where("id", "=", signed.ticketId).executeTakeFirstOrThrow();
  return { ticketId: t.id, subject: t.subject, ...rating };
}
