import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import { queueEmail } from "../email/queue-email";
import { translate } from "@/lib/i18n";
import { appUrl } from "../env";

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

/** A customer rated a ticket bad: its assignee's team lead is told by email (through the outbox), in the rating's transaction. */
export async function notifyLeadOfBadRating(trx: Tx, ctx: RequestCtx, ticketId: number, comment: string | null): Promise<void> {
  const ticket = await trx
    .selectFrom("tickets")
    .select(["id", "subject", "assignee_id", "team_id"])
    .where("id", "=", ticketId)
    .executeTakeFirstOrThrow();
  const leadId = await leadForTicket(trx, ticket);
  if (leadId === null) return;
  const lead = await trx.selectFrom("users").select(["email", "locale", "disabled"]).where("id", "=", leadId).executeTakeFirst();
  if (!lead || lead.disabled) return;
  const vars = { id: String(ticket.id), subject: ticket.subject, comment: comment ?? "—", link: `${appUrl()}/inbox/${ticket.id}` };
  await queueEmail(trx, ctx.now(), {
    to: lead.email,
    subject: translate(lead.locale, "ticketLife.email.badRating.subject", vars),
    text: translate(lead.locale, "ticketLife.email.badRating.body", vars),
  });
}
