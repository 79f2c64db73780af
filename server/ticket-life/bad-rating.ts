import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import { notify } from "../notifications/notify";

/**
 * The lead who hears about a bad rating: the lead of the assignee's team (the ticket's own team first when
 * the assignee is in it), else the lead of the ticket's team when nobody was assigned. Null when there is none,
 * or when the lead is the assignee themselves.
 */
export async function leadForTicket(trx: Tx, ticket: { assignee_id: number | null; team_id: number | null }): Promise<number | null> {
  if (ticket.assignee_id !== null) {
    const teams = await trx
      .selectFrom("team_members as m")
      .innerJoin("teams as t", "t.id", "m.team_id")
      .select(["t.id", "t.lead_id"])
      .where("m.user_id", "=", ticket.assignee_id)
      .where("t.lead_id", "is not", null)
      .orderBy("t.id")
      .execute();
    const lead = (teams.find((t) => t.id === ticket.team_id) ?? teams[0])?.lead_id ?? null;
    return lead === ticket.assignee_id ? null : lead;
  }
  if (ticket.team_id === null) return null;
  const team = await trx.selectFrom("teams").select("lead_id").where("id", "=", ticket.team_id).executeTakeFirst();
  return team?.lead_id ?? null;
}

/** A customer rated a ticket bad: its assignee's team lead is told (in the app and by email, per their switches), in the rating's transaction. */
export async function notifyLeadOfBadRating(trx: Tx, ctx: RequestCtx, ticketId: number, comment: string | null): Promise<void> {
  const ticket = await trx
    .selectFrom("tickets")
    .select(["id", "subject", "assignee_id", "team_id"])
    .where("id", "=", ticketId)
    .executeTakeFirstOrThrow();
  const leadId = await leadForTicket(trx, ticket);
  if (leadId === null) return;
  // The thumb reads the same in every language the notification is written in.
  await notify(trx, ctx, {
    kind: "bad_rating",
    userIds: [leadId],
    ticketId: ticket.id,
    vars: { subject: ticket.subject, rating: "👎", comment: comment ?? "" },
  });
}
