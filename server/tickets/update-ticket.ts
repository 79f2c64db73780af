import "server-only";
import type { DB } from "../db";
import type { TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { ASSIGNEE_ROLES } from "./access";
import { lockVisibleTicketOrThrow } from "./load-ticket";
import { ticketStatusColumns, ZUpdateTicket, type TUpdateTicket } from "./schemas";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";
import { afterTicketEvent } from "./ticket-events";

/**
 * Staff change status, priority, assignee, team and category. Each kind of change is its own audit event.
 * The view counters follow in the same transaction (triggers on tickets, migration 0012): a caller that
 * changes a ticket's status any other way (add-message's reopening) needs nothing more.
 */
export async function updateTicket(db: DB, ctx: RequestCtx, raw: TUpdateTicket): Promise<void> {
  const actor = ctx.actor;
  const input = ZUpdateTicket.parse(raw);
  const wantsAssign = input.assigneeId !== undefined;
  if (!can(actor, "ticket.update") || (wantsAssign && !can(actor, "ticket.assign"))) throw notFound(msg("err.ticketNotFound"));
  const now = ctx.now();

  await transact(db, async (trx) => {
    const t = await lockVisibleTicketOrThrow(trx, actor, input.ticketId);
    if (t.status === "closed") throw new AppError("TICKET_CLOSED", "This ticket is closed and can no longer change");

    const set: {
      status?: TicketStatus;
      is_open?: number;
      priority?: TicketPriority;
      assignee_id?: number | null;
      solved_at?: number | null;
      team_id?: number | null;
      category_id?: number | null;
    } = {};
    const events: { action: string; before: object; after: object }[] = [];

    if (input.status && input.status !== t.status) {
      Object.assign(set, ticketStatusColumns(input.status));
      set.solved_at = input.status === "solved" || input.status === "closed" ? (t.solved_at ?? now) : null;
      events.push({ action: "ticket.status_changed", before: { status: t.status }, after: { status: input.status } });
    }
    if (input.priority && input.priority !== t.priority) {
      set.priority = input.priority;
      events.push({ action: "ticket.priority_changed", before: { priority: t.priority }, after: { priority: input.priority } });
    }
    if (wantsAssign && input.assigneeId !== t.assignee_id) {
      if (input.assigneeId !== null) {
        const assignee = await trx
          .selectFrom("users")
          .select("id")
          .where("id", "=", input.assigneeId!)
          .where("role", "in", ASSIGNEE_ROLES)
          .where("disabled", "=", 0)
          .executeTakeFirst();
        if (!assignee) throw new AppError("INVALID_INPUT", msg("err.assignee"), "assigneeId");
      }
      set.assignee_id = input.assigneeId ?? null;
      events.push({ action: "ticket.assigned", before: { assigneeId: t.assignee_id }, after: { assigneeId: input.assigneeId ?? null } });
    }
    if (input.teamId !== undefined && input.teamId !== t.team_id) {
      if (input.teamId !== null && !(await trx.selectFrom("teams").select("id").where("id", "=", input.teamId).executeTakeFirst()))
        throw new AppError("INVALID_INPUT", msg("inbox.err.teamNotFound"), "teamId");
      set.team_id = input.teamId;
      events.push({ action: "ticket.team_changed", before: { teamId: t.team_id }, after: { teamId: input.teamId } });
    }
    if (input.categoryId !== undefined && input.categoryId !== t.category_id) {
      if (
        input.categoryId !== null &&
        !(await trx.selectFrom("categories").select("id").where("id", "=", input.categoryId).executeTakeFirst())
      )
        throw new AppError("INVALID_INPUT", msg("inbox.err.categoryNotFound"), "categoryId");
      set.category_id = input.categoryId;
      events.push({ action: "ticket.category_changed", before: { categoryId: t.category_id }, after: { categoryId: input.categoryId } });
    }
    if (events.length === 0) return;

    const changes = { ...set, updated_at: now };
    await trx.updateTable("tickets").set(changes).where("id", "=", t.id).execute();
    for (const e of events) {
      await recordAudit(trx, ctx, { action: e.action, entityType: "ticket", entityId: t.id, before: e.before, after: e.after });
    }
    await afterTicketEvent(trx, ctx, { kind: "changed", before: t, ticket: { ...t, ...changes } });
  });
}
