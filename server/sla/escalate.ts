import "server-only";
import type { Tx } from "../db";
import { forUpdate } from "../db/dialect";
import type { SlaBreachAction, Ticket, TicketPriority } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { loadPolicies } from "./policies";
import { isDone } from "./clocks";
import { applyPolicies, recordRecompute } from "./apply-policy";
import { updateEach } from "./update-each";

const RAISE: Record<TicketPriority, TicketPriority> = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

export interface Breach {
  ticket_id: number;
  breach_action: SlaBreachAction;
}

/**
 * The policy's action on breach, for a batch of breached clocks, written as the ordinary ticket changes they are
 * (the same audit actions as an agent's, `updated_at` moved so open lists refresh; the view counters follow through
 * the triggers on tickets): raise the priority one step, or give the ticket back to its team. A ticket acts once a
 * batch, whatever the number of its clocks that breached together. The tickets are locked and re-read first.
 *
 * A raised priority moves the ticket's other running clocks onto the new priority's targets (perhaps under another
 * policy); the clock that breached keeps its due time and its breach (applyPolicies).
 */
export async function escalate(trx: Tx, ctx: RequestCtx, breaches: readonly Breach[]): Promise<void> {
  const action = new Map<number, SlaBreachAction>();
  for (const b of breaches) if (b.breach_action !== "none" && !action.has(b.ticket_id)) action.set(b.ticket_id, b.breach_action);
  if (action.size === 0) return;
  const now = ctx.now();
  const tickets = await forUpdate(
    trx,
    trx
      .selectFrom("tickets")
      .selectAll()
      .where("id", "in", [...action.keys()])
      .orderBy("id"),
  ).execute();
  const open = tickets.filter((t) => !isDone(t.status));
  const raised: Ticket[] = open
    .filter((t) => action.get(t.id) === "raise_priority" && t.priority !== "urgent")
    .map((t) => ({ ...t, priority: RAISE[t.priority], updated_at: now }));
  const released = open.filter((t) => action.get(t.id) === "reassign_team" && t.team_id !== null && t.assignee_id !== null);

  await updateEach(
    trx,
    "tickets",
    raised.map((t) => ({ id: t.id, priority: t.priority, updated_at: now })),
  );
  const before = new Map(tickets.map((t) => [t.id, t]));
  for (const t of raised)
    await recordAudit(trx, ctx, {
      action: "ticket.priority_changed",
      entityType: "ticket",
      entityId: t.id,
      before: { priority: before.get(t.id)!.priority },
      after: { priority: t.priority },
    });

  if (released.length)
    await trx
      .updateTable("tickets")
      .set({ assignee_id: null, updated_at: now })
      .where(
        "id",
        "in",
        released.map((t) => t.id),
      )
      .execute();
  for (const t of released)
    await recordAudit(trx, ctx, {
      action: "ticket.assigned",
      entityType: "ticket",
      entityId: t.id,
      before: { assigneeId: t.assignee_id },
      after: { assigneeId: null },
    });

  if (raised.length === 0) return;
  const policies = await loadPolicies(trx);
  const applied = await applyPolicies(trx, ctx, raised, policies);
  for (const t of raised) {
    const a = applied.get(t.id)!;
    if (a.moved) await recordRecompute(trx, ctx, t.id, a.cols.sla_policy_id, policies);
  }
}
