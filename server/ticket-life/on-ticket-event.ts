import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";
import { appUrl, getAuthSecret } from "../env";
import { askForRating } from "./csat";
import { ratingKeyFrom } from "./rating-links";

/**
 * Ticket lifecycle on every ticket event (server/tickets/ticket-events.ts): a ticket that has just become solved
 * sends its requester the solve email with the link to the ticket and the request to rate it.
 */
export async function ticketLifeOnEvent(trx: Tx, ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  if (event.kind !== "created" && event.ticket.status === "solved" && event.before.status !== "solved") {
    await askForRating(trx, ctx, event.ticket, { appUrl: appUrl(), key: ratingKeyFrom(getAuthSecret()) });
  }
  return event;
}
