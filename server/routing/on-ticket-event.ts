import "server-only";
import type { Tx } from "../db";
import type { RequestCtx } from "../context";
import type { TicketEvent } from "../tickets/ticket-events";
import { recordAudit } from "../audit/record-audit";
import { pickAssignee } from "./round-robin";

/**
 * Routing of a new ticket (server/tickets/ticket-events.ts): to the team of its category when it has none, then
 * round-robin to an available member when the team assigns automatically. Audited as Mayak's own step
 * ("ticket.routed"), with the team and the assignee. A ticket without category or team costs nothing here.
 */
export async function routeTicket(trx: Tx, ctx: RequestCtx, event: TicketEvent): Promise<TicketEvent> {
  if (event.kind !== "created") return event;
  const ticket = event.ticket;
  let teamId = ticket.team_id;
  if (teamId === null && ticket.category_id !== null) {
    const route = await trx
      .selectFrom("category_routing")
      .select("team_id")
      .where("category_id", "=", ticket.category_id)
      .executeTakeFirst();
    teamId = route?.team_id ?? null;
  }
  if (teamId === null) return event;
  const now = ctx.now();
  const assigneeId = ticket.assignee_id ?? (await pickAssignee(trx, teamId, now));
  if (teamId === ticket.team_id && assigneeId === ticket.assignee_id) return event;
  await trx.updateTable("tickets").set({ team_id: teamId, assignee_id: assigneeId }).where("id", "=", ticket.id).execute();
  await recordAudit(
    trx,
    { ...ctx, actor: null },
    {
      action: assigneeId !== null ? "ticket.routed" : "ticket.routed_to_team",
      entityType: "ticket",
      entityId: ticket.id,
      before: { teamId: ticket.team_id, assigneeId: ticket.assignee_id },
      after: { teamId, assigneeId },
    },
  );
  return { ...event, ticket: { ...ticket, team_id: teamId, assignee_id: assigneeId } };
}
