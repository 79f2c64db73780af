import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";

/** Notifications to staff and customers, run for every ticket event (server/tickets/ticket-events.ts). */
export async function notifyTicketEvent(_trx: Tx, _ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  return event;
}
