import "server-only";
import { z } from "zod";
import { procedure, rateLimited, router } from "../init";
import { createTicket } from "../../tickets/create-ticket";
import { getTicket } from "../../tickets/get-ticket";
import { findMyTickets } from "../../tickets/find-tickets";
import { addMessage } from "../../tickets/add-message";
import { ZAddMessage, ZCreateTicket, ZTicketId } from "../../tickets/schemas";

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
    .input(ZAddMessage)
    .mutation(({ ctx, input }) => addMessage(ctx.db, ctx, input, ctx.appUrl)),
});
