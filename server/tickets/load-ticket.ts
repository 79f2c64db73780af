import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { Ticket } from "../db/schema";
import type { Actor } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";

/**
 * The one query that finds a ticket for an actor. Access is part of the WHERE clause: a ticket the
 * actor may not see is simply not found.
 */
function visibleTicket(executor: DB | Tx, actor: Actor | null, id: number) {
  const q = executor.selectFrom("tickets").selectAll().where("id", "=", id);
  if (can(actor, "ticket.read.any")) return q;
  // Without any read permission nobody's id matches -1.
  return q.where("requester_id", "=", actor && can(actor, "ticket.read.own") ? actor.id : -1);
}

export async function getVisibleTicketOrThrow(db: DB, actor: Actor | null, id: number): Promise<Ticket> {
  const ticket = await visibleTicket(db, actor, id).executeTakeFirst();
  if (!ticket) throw notFound(msg("err.ticketNotFound"));
  return ticket;
}

/** Same, locking the row for the rest of the transaction. */
export async function lockVisibleTicketOrThrow(trx: Tx, actor: Actor | null, id: number): Promise<Ticket> {
  const ticket = await forUpdate(trx, visibleTicket(trx, actor, id)).executeTakeFirst();
  if (!ticket) throw notFound(msg("err.ticketNotFound"));
  return ticket;
}
