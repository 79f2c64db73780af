import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { fromJson } from "../db/json";
import { updateTicket } from "../tickets/update-ticket";
import { changeTicketTags } from "../taxonomy/tags";
import { ZMacroActions } from "./macros";

/**
 * The changes a macro brings, made after its reply went out: status, priority and assignee through
 * updateTicket, tags through changeTicketTags, each audited and counted there as if the agent had made
 * them by hand (and refused the same way: a macro cannot do what its user may not).
 */
export async function applyMacroActions(db: DB, ctx: RequestCtx, input: { macroId: number; ticketId: number }): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "ticket.reply")) throw notFound();
  const row = await db
    .selectFrom("macros")
    .select(["actions_json"])
    .where("id", "=", input.macroId)
    .where((eb) => eb.or([eb("owner_id", "=", actor.id), eb("owner_id", "is", null)]))
    .executeTakeFirst();
  if (!row) throw notFound();
  const actions = ZMacroActions.catch({}).parse(fromJson(row.actions_json) ?? {});
  const assigneeId = actions.assignee === "me" ? actor.id : actions.assignee === "none" ? null : actions.assignee;
  if (actions.status || actions.priority || assigneeId !== undefined) {
    await updateTicket(db, ctx, { ticketId: input.ticketId, status: actions.status, priority: actions.priority, assigneeId });
  }
  if (actions.tags?.length) await changeTicketTags(db, ctx, { ticketId: input.ticketId, add: actions.tags });
}
