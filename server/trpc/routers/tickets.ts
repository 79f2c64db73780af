import "server-only";
import { z } from "zod";
import { procedure, rateLimited, router } from "../init";
import { createTicket } from "../../tickets/create-ticket";
import { getTicket } from "../../tickets/get-ticket";
import { findMyTickets } from "../../tickets/find-tickets";
import { addMessage, ZReply } from "../../tickets/add-message";
import { getVisibleTicketOrThrow } from "../../tickets/load-ticket";
import { getChanges, ticketVersion } from "../../tickets/timeline";
import { applyMacroActions } from "../../macros/apply-macro-actions";
import { ZCreateTicket, ZTicketId } from "../../tickets/schemas";

/** The customer's side of tickets. Staff use the same `get` and `reply` through these permissions too. */
export const ticketsRouter = router({
  create: procedure("ticket.create")
    .use(rateLimited("ticket-create", 30, 3_600_000))
    .input(ZCreateTicket)
    .mutation(({ ctx, input }) => createTicket(ctx.db, ctx, input)),
  mine: procedure("ticket.read.own")
    .input(z.object({ cursor: z.number().int().positive().optional(), limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => findMyTickets(ctx.db, ctx, input)),
  get: procedure("ticket.read.own")
    .input(z.object({ id: ZTicketId }))
    .query(({ ctx, input }) => getTicket(ctx.db, ctx, input.id)),
  reply: procedure("ticket.reply.own")
    .input(ZReply)
    .mutation(async ({ ctx, input }) => {
      const sent = await addMessage(ctx.db, ctx, input, ctx.appUrl);
      if (input.macroId) await applyMacroActions(ctx.db, ctx, { macroId: input.macroId, ticketId: input.ticketId });
      return sent;
    }),
  /** The ticket's version, polled by the open page to refresh itself when something happened. */
  version: procedure("ticket.read.own")
    .input(z.object({ id: ZTicketId }))
    .query(async ({ ctx, input }) => {
      const t = await getVisibleTicketOrThrow(ctx.db, ctx.actor, input.id);
      return { version: await ticketVersion(ctx.db, ctx.actor, t.id) };
    }),
  /** What happened after a version the reader saw (the collision warning shows these). */
  changes: procedure("ticket.read.own")
    .input(z.object({ id: ZTicketId, after: z.number().int().min(0) }))
    .query(async ({ ctx, input }) => {
      const t = await getVisibleTicketOrThrow(ctx.db, ctx.actor, input.id);
      return getChanges(ctx.db, ctx.actor, t.id, input.after);
    }),
});
