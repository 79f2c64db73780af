import "server-only";
import type { Tx } from "../db";
import type { SlaMetric, Ticket } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { choosePolicy, type Policy } from "./policies";
import { isDone, isPausedStatus, newClock, schedule, slaColumns, type Clock, type NewClock, type SlaColumns } from "./clocks";
import { updateEach, type RowUpdate } from "./update-each";

export interface Applied {
  /** A due time moved, a clock started or stopped, or the policy changed. */
  moved: boolean;
  /** The ticket's SLA columns as now written. */
  cols: SlaColumns;
  /** The clocks started (a ticket owed them and had none). */
  started: SlaMetric[];
}

interface Plan extends Omit<Applied, "started"> {
  remove: number[];
  update: RowUpdate[];
  start: NewClock[];
}

/**
 * What choosing the policy again does to one ticket's clocks, in memory. A clock that breached keeps its policy,
 * target and due time: the breach is a fact, and the minutes late are counted from the due time that was missed.
 * Every other clock follows the current targets of the ticket's priority (start, pauses and warning kept), or
 * stops when the policy has no target for it; the first-response and resolution clocks a ticket still owes start.
 */
function planTicket(ticket: Ticket, policy: Policy | null, clocks: Clock[], now: number): Plan {
  const plan: Plan = { remove: [], update: [], start: [], moved: false, cols: { ...slaColumns([]), sla_policy_id: null } };
  const kept: Pick<Clock, "due_at" | "warn_at" | "paused_since">[] = [];
  for (const c of clocks) {
    const target = policy?.targets[ticket.priority][c.metric] ?? null;
    if (c.breached_at !== null) {
      kept.push(c);
    } else if (!policy || target === null) {
      plan.remove.push(c.id);
    } else {
      const next = schedule(policy.calendar, { ...c, target_minutes: target });
      if (c.policy_id !== policy.id || c.target_minutes !== target || next.due_at !== c.due_at) {
        plan.update.push({ id: c.id, policy_id: policy.id, target_minutes: target, ...next });
      }
      kept.push({ ...c, ...next });
    }
  }
  if (policy && !isDone(ticket.status)) {
    const has = new Set(clocks.map((c) => c.metric));
    const paused = isPausedStatus(ticket.status);
    const owed = [
      !has.has("first_response") && ticket.first_response_at === null ? newClock(ticket, policy, "first_response", now, paused) : null,
      !has.has("resolution") && ticket.solved_at === null ? newClock(ticket, policy, "resolution", now, paused) : null,
    ];
    for (const c of owed) if (c) plan.start.push(c);
  }
  plan.cols = { ...slaColumns([...kept, ...plan.start]), sla_policy_id: policy?.id ?? null };
  plan.moved = plan.remove.length + plan.update.length + plan.start.length > 0 || plan.cols.sla_policy_id !== ticket.sla_policy_id;
  return plan;
}

/** The domain of each requester's email address, read only when some policy asks for domains. */
async function requesterDomains(trx: Tx, policies: Policy[], tickets: readonly Ticket[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!policies.some((p) => p.conditions.domains.length > 0)) return out;
  const ids = [...new Set(tickets.map((t) => t.requester_id))];
  const rows = await trx.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute();
  for (const r of rows) out.set(r.id, r.email.slice(r.email.lastIndexOf("@") + 1).toLowerCase());
  return out;
}

/**
 * Chooses each ticket's policy again and moves its clocks onto the targets (planTicket), then writes all the
 * tickets at once: one read of their clocks, one delete, one update per few hundred clocks, one insert, one update
 * of the tickets' SLA columns. Called on creation, when priority, category or team change (one ticket), by the
 * sweep's "raise priority" and after a policy or calendar edit (a batch). `tickets` are the rows as they now are.
 */
export async function applyPolicies(
  trx: Tx,
  ctx: RequestCtx,
  tickets: readonly Ticket[],
  policies: Policy[],
  /** `created`: the tickets were just written and have no clocks yet (nothing to read). */
  opts: { created?: boolean } = {},
): Promise<Map<number, Applied>> {
  const out = new Map<number, Applied>();
  if (tickets.length === 0) return out;
  const now = ctx.now();
  const domains = await requesterDomains(trx, policies, tickets);
  const clocks = opts.created
    ? []
    : await trx
        .selectFrom("sla_clocks")
        .selectAll()
        .where(
          "ticket_id",
          "in",
          tickets.map((t) => t.id),
        )
        .execute();
  const byTicket = new Map<number, Clock[]>();
  for (const c of clocks) byTicket.set(c.ticket_id, [...(byTicket.get(c.ticket_id) ?? []), c]);
  const remove: number[] = [];
  const update: RowUpdate[] = [];
  const start: NewClock[] = [];
  const ticketRows: RowUpdate[] = [];
  for (const t of tickets) {
    const policy = choosePolicy(policies, t, domains.get(t.requester_id) ?? null);
    const plan = planTicket(t, policy, byTicket.get(t.id) ?? [], now);
    remove.push(...plan.remove);
    update.push(...plan.update);
    start.push(...plan.start);
    const c = plan.cols;
    if (
      c.sla_policy_id !== t.sla_policy_id ||
      c.sla_due_at !== t.sla_due_at ||
      c.sla_warn_at !== t.sla_warn_at ||
      c.sla_paused !== t.sla_paused
    )
      ticketRows.push({ id: t.id, ...c });
    out.set(t.id, { moved: plan.moved, cols: c, started: plan.start.map((n) => n.metric) });
  }
  if (remove.length) await trx.deleteFrom("sla_clocks").where("id", "in", remove).execute();
  await updateEach(trx, "sla_clocks", update);
  if (start.length) await trx.insertInto("sla_clocks").values(start).execute();
  await updateEach(trx, "tickets", ticketRows);
  return out;
}

/** A timeline line: the clocks now follow the ticket's new priority, category or team (and perhaps a new policy). */
export async function recordRecompute(
  trx: Tx,
  ctx: RequestCtx,
  ticketId: number,
  policyId: number | null,
  policies: readonly Policy[],
): Promise<void> {
  const policy = policies.find((p) => p.id === policyId)?.name ?? "—";
  await recordAudit(trx, ctx, { action: "sla.recomputed", entityType: "ticket", entityId: ticketId, after: { policy } });
}
