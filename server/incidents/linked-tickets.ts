import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { addMessage } from "../tickets/add-message";
import { updateTicket } from "../tickets/update-ticket";

export interface LinkedOutcome {
  done: number;
  skipped: number;
}

async function linkedTickets(db: DB, incidentId: number) {
  return db
    .selectFrom("incident_tickets as it")
    .innerJoin("tickets as t", "t.id", "it.ticket_id")
    .select(["t.id", "t.status"])
    .where("it.incident_id", "=", incidentId)
    .orderBy("t.id")
    .execute();
}

/** Runs one ticket action; a ticket that closed or vanished meanwhile is skipped, anything else is a real failure. */
async function eachTicket(ids: number[], fn: (ticketId: number) => Promise<unknown>): Promise<LinkedOutcome> {
  const out = { done: 0, skipped: 0 };
  for (const id of ids) {
    try {
      await fn(id);
      out.done++;
    } catch (err) {
      if (err instanceof AppError && (err.code === "TICKET_CLOSED" || err.code === "NOT_FOUND")) out.skipped++;
      else throw err;
    }
  }
  return out;
}

/** The update's text as a public reply on every linked ticket, from the acting agent: the requester gets it by email. */
export async function replyOnLinkedTickets(
  db: DB,
  ctx: RequestCtx,
  incidentId: number,
  body: string,
  appUrl: string,
): Promise<LinkedOutcome> {
  const open = (await linkedTickets(db, incidentId)).filter((t) => t.status !== "closed");
  return eachTicket(
    open.map((t) => t.id),
    (ticketId) => addMessage(db, ctx, { ticketId, body, kind: "reply" }, appUrl),
  );
}

export async function solveLinkedTickets(db: DB, ctx: RequestCtx, incidentId: number): Promise<LinkedOutcome> {
  const open = (await linkedTickets(db, incidentId)).filter((t) => t.status !== "closed" && t.status !== "solved");
  return eachTicket(
    open.map((t) => t.id),
    (ticketId) => updateTicket(db, ctx, { ticketId, status: "solved" }),
  );
}
