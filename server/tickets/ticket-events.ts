import "server-only";
import type { Tx } from "../db";
import type { MessageKind, Ticket } from "../db/schema";
import type { RequestCtx } from "../context";
import { routeTicket } from "../routing/on-ticket-event";
import { trackSla } from "../sla/on-ticket-event";
import { notifyTicketEvent } from "../notifications/on-ticket-event";
import { ticketLifeOnEvent } from "../ticket-life/on-ticket-event";

/** A message as the ticket's followers need it. */
export interface TicketEventMessage {
  id: number;
  kind: MessageKind;
  authorId: number;
  /** Written by staff (an agent's reply or any note) rather than by the requester. */
  byStaff: boolean;
  body: string;
}

/**
 * Something that happened to a ticket, told after the change is written and audited, inside the same
 * transaction: `ticket` is the row as it now is, `before` as it was.
 */
export type TicketEvent =
  | { kind: "created"; ticket: Ticket }
  | { kind: "changed"; before: Ticket; ticket: Ticket }
  | { kind: "message"; before: Ticket; ticket: Ticket; message: TicketEventMessage };

/**
 * The one place where a ticket change fans out to what follows from it: routing (team and assignee of a new
 * ticket), the SLA clocks, notifications. Every writer of tickets calls it in its own transaction, so a
 * refusal anywhere rolls the whole change back. Order matters: routing may assign the ticket, and the clocks
 * and the notifications then see the routed ticket (each step hands on the event as it leaves it).
 */
export async function afterTicketEvent(trx: Tx, ctx: RequestCtx, event: TicketEvent): Promise<void> {
  const routed = await routeTicket(trx, ctx, event);
  const timed = await trackSla(trx, ctx, routed);
  const lived = await ticketLifeOnEvent(trx, ctx, timed);
  await notifyTicketEvent(trx, ctx, lived);
}

/** The ticket row as written, for the event (one read by primary key inside the writing transaction). */
export async function readTicketRow(trx: Tx, id: number): Promise<Ticket> {
  return trx.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
