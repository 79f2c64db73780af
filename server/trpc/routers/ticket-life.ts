import "server-only";
import { z } from "zod";
import { procedure, publicProcedure, rateLimited, router } from "../init";
import { getAuthSecret } from "../../env";
import { bulkMergeTickets, mergeTicket, ZBulkMerge, ZMergeTicket } from "../../ticket-life/merge-tickets";
import { createFollowUp, ZFollowUp } from "../../ticket-life/follow-up";
import { rateByLink, rateTicket, readRatingLink, ZRateByLink, ZRateTicket } from "../../ticket-life/csat";
import { ratingKeyFrom } from "../../ticket-life/rating-links";
import { inboxVersion } from "../../ticket-life/inbox-version";

/** Procedures of merging tickets, follow-ups, satisfaction ratings, and the inbox list's version. */
export const ticketLifeRouter = router({
  merge: procedure("ticket.update")
    .input(ZMergeTicket)
    .mutation(({ ctx, input }) => mergeTicket(ctx.db, ctx, input, ctx.appUrl)),
  /** Several selected tickets into one target, with a result per ticket. */
  bulkMerge: procedure("ticket.update")
    .input(ZBulkMerge)
    .mutation(({ ctx, input }) => bulkMergeTickets(ctx.db, ctx, input, ctx.appUrl)),
  /** The requester of a closed ticket opens a new one linked to it (counted with ticket creation). */
  followUp: procedure("ticket.create")
    .use(rateLimited("ticket-create", 30, 3_600_000))
    .input(ZFollowUp)
    .mutation(({ ctx, input }) => createFollowUp(ctx.db, ctx, input)),
  /** The requester rates their solved ticket in the portal. */
  rate: procedure("ticket.read.own")
    .input(ZRateTicket)
    .mutation(({ ctx, input }) => rateTicket(ctx.db, ctx, input)),
  /** The rating from the emailed link: no sign-in, the link is signed for the ticket. */
  rateByLink: publicProcedure
    .use(rateLimited("csat-link", 30, 3_600_000))
    .input(ZRateByLink)
    .mutation(({ ctx, input }) => rateByLink(ctx.db, ctx, input, ratingKeyFrom(getAuthSecret()))),
  ratingLink: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => readRatingLink(ctx.db, input.token, ratingKeyFrom(getAuthSecret()))),
  /** Polled by the open inbox list (a few seconds apart) to refresh itself when a ticket changed. */
  inboxVersion: procedure("inbox.view").query(async ({ ctx }) => ({ version: await inboxVersion(ctx.db) })),
});
