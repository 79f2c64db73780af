import "server-only";
import type { Selectable } from "kysely";
import type { Tx } from "../db";
import type { SlaClocksTable, SlaMetric, Ticket } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { addBusinessMs, businessMsBetween, ALWAYS_OPEN, type Calendar } from "./business-time";
import type { Policy } from "./policies";

/**
 * A ticket's SLA clocks: one row per running target (first response, next response, resolution). A clock counts
 * business (or calendar) time from `started_at`; time spent paused is added to its target, so the due time moves by
 * exactly the paused business time. A met or missed target becomes a row of sla_results and the clock goes away:
 * the results are facts that no later edit of a policy rewrites.
 */

export type Clock = Selectable<SlaClocksTable>;
export type SlaColumns = Pick<Ticket, "sla_policy_id" | "sla_due_at" | "sla_warn_at" | "sla_paused">;
const MINUTE = 60_000;
/** Amber, and the assignee's warning, in the last quarter of a target. */
export const WARN_SHARE = 0.75;

export const calendarOfPolicy = (policies: Policy[], policyId: number): Calendar =>
  policies.find((p) => p.id === policyId)?.calendar ?? ALWAYS_OPEN;

export async function ticketClocks(trx: Tx, ticketId: number): Promise<Clock[]> {
  return trx.selectFrom("sla_clocks").selectAll().where("ticket_id", "=", ticketId).execute();
}

/** Due, amber and next sweep times of a running clock (all null while paused). */
export function schedule(
  cal: Calendar,
  c: Pick<Clock, "started_at" | "target_minutes" | "paused_ms" | "paused_since" | "warned_at" | "breached_at">,
) {
  if (c.paused_since !== null) return { due_at: null, warn_at: null, next_check_at: null };
  const due = addBusinessMs(cal, c.started_at, c.target_minutes * MINUTE + Number(c.paused_ms));
  const warn = addBusinessMs(cal, c.started_at, Math.round(c.target_minutes * MINUTE * WARN_SHARE) + Number(c.paused_ms));
  return { due_at: due, warn_at: warn, next_check_at: c.breached_at !== null ? null : c.warned_at !== null ? due : warn };
}

/** The due time a clock has if it ran on from `now` (a paused clock's pause counted up to now). */
export function effectiveDue(cal: Calendar, c: Clock, now: number): number {
  const pausedNow = c.paused_since !== null ? businessMsBetween(cal, c.paused_since, now) : 0;
  return addBusinessMs(cal, c.started_at, c.target_minutes * MINUTE + Number(c.paused_ms) + pausedNow);
}

export type NewClock = Omit<Clock, "id">;

/** A clock starting now for `metric` by the policy's target for the ticket's priority; null when it has none. */
export function newClock(ticket: Ticket, policy: Policy, metric: SlaMetric, now: number, paused: boolean): NewClock | null {
  const target = policy.targets[ticket.priority][metric];
  if (target === null) return null;
  const base = {
    started_at: now,
    target_minutes: target,
    paused_ms: 0,
    paused_since: paused ? now : null,
    warned_at: null,
    breached_at: null,
  };
  return { ticket_id: ticket.id, metric, policy_id: policy.id, ...base, ...schedule(policy.calendar, base) };
}

const isPausedStatus = (s: string) => s === "pending" || s === "on_hold";
const isDone = (s: string) => s === "solved" || s === "closed";

/** Starts the next-response clock after a customer's reply to an answered ticket (once until staff answer). */
export async function startNextResponse(trx: Tx, ctx: RequestCtx, ticket: Ticket, policies: Policy[]): Promise<void> {
  const policy = policies.find((p) => p.id === ticket.sla_policy_id);
  if (!policy) return;
  const existing = await trx
    .selectFrom("sla_clocks")
    .select("id")
    .where("ticket_id", "=", ticket.id)
    .where("metric", "=", "next_response")
    .executeTakeFirst();
  const clock = existing ? null : newClock(ticket, policy, "next_response", ctx.now(), isPausedStatus(ticket.status));
  if (clock) await trx.insertInto("sla_clocks").values(clock).execute();
}

/** Records a target as met (or met late) and removes its clock: the escalation state clears with it. */
export async function completeClock(trx: Tx, ctx: RequestCtx, ticketId: number, metric: SlaMetric, policies: Policy[]): Promise<void> {
  const c = await trx
    .selectFrom("sla_clocks")
    .selectAll()
    .where("ticket_id", "=", ticketId)
    .where("metric", "=", metric)
    .executeTakeFirst();
  if (!c) return;
  const now = ctx.now();
  const cal = calendarOfPolicy(policies, c.policy_id);
  const due = effectiveDue(cal, c, now);
  const met = now <= due;
  const late = met ? 0 : Math.ceil(businessMsBetween(cal, due, now) / MINUTE);
  await trx
    .insertInto("sla_results")
    .values({
      ticket_id: ticketId,
      metric,
      policy_id: c.policy_id,
      due_at: due,
      achieved_at: now,
      met: met ? 1 : 0,
      business_minutes_late: late,
    })
    .execute();
  await trx.deleteFrom("sla_clocks").where("id", "=", c.id).execute();
  if (!met)
    await recordAudit(trx, ctx, {
      action: `sla.met_late.${metric}`,
      entityType: "ticket",
      entityId: ticketId,
      after: { metric, minutes: late },
    });
}

/** A solved ticket owes nothing more: resolution recorded, the other clocks and any pause end. */
export async function finishTicket(trx: Tx, ctx: RequestCtx, ticket: Ticket, policies: Policy[]): Promise<void> {
  await completeClock(trx, ctx, ticket.id, "resolution", policies);
  await trx.deleteFrom("sla_clocks").where("ticket_id", "=", ticket.id).execute();
  await trx
    .updateTable("sla_pauses")
    .set({ to_at: ctx.now(), resumed_by: ctx.actor?.id ?? null })
    .where("ticket_id", "=", ticket.id)
    .where("to_at", "is", null)
    .execute();
}

/** Pending or on hold: every running clock stops, and the pause is kept (from, why, who). */
export async function pauseClocks(trx: Tx, ctx: RequestCtx, ticket: Ticket): Promise<void> {
  const now = ctx.now();
  const res = await trx
    .updateTable("sla_clocks")
    .set({ paused_since: now, due_at: null, warn_at: null, next_check_at: null })
    .where("ticket_id", "=", ticket.id)
    .where("paused_since", "is", null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return;
  await trx
    .insertInto("sla_pauses")
    .values({ ticket_id: ticket.id, reason: ticket.status, from_at: now, to_at: null, paused_by: ctx.actor?.id ?? null, resumed_by: null })
    .execute();
  await recordAudit(trx, ctx, {
    action: `sla.paused.${ticket.status}`,
    entityType: "ticket",
    entityId: ticket.id,
    after: { reason: ticket.status },
  });
}

/** Open again: each clock's target grows by the business time it spent paused. */
export async function resumeClocks(trx: Tx, ctx: RequestCtx, ticket: Ticket, policies: Policy[]): Promise<void> {
  const now = ctx.now();
  const paused = (await ticketClocks(trx, ticket.id)).filter((c) => c.paused_since !== null);
  let pausedMinutes = 0;
  for (const c of paused) {
    const cal = calendarOfPolicy(policies, c.policy_id);
    const more = businessMsBetween(cal, c.paused_since!, now);
    pausedMinutes = Math.max(pausedMinutes, Math.round(more / MINUTE));
    const resumed = { ...c, paused_ms: Number(c.paused_ms) + more, paused_since: null };
    await trx
      .updateTable("sla_clocks")
      .set({ paused_ms: resumed.paused_ms, paused_since: null, ...schedule(cal, resumed) })
      .where("id", "=", c.id)
      .execute();
  }
  const open = await trx
    .updateTable("sla_pauses")
    .set({ to_at: now, resumed_by: ctx.actor?.id ?? null })
    .where("ticket_id", "=", ticket.id)
    .where("to_at", "is", null)
    .executeTakeFirst();
  if (paused.length > 0 || Number(open.numUpdatedRows) > 0)
    await recordAudit(trx, ctx, { action: "sla.resumed", entityType: "ticket", entityId: ticket.id, after: { minutes: pausedMinutes } });
}

/** The ticket's SLA columns from its clocks: the earliest running due time and its amber time, or paused. */
export function slaColumns(clocks: readonly Pick<Clock, "due_at" | "warn_at" | "paused_since">[]): Omit<SlaColumns, "sla_policy_id"> {
  const running = clocks.filter((c) => c.due_at !== null).sort((a, b) => a.due_at! - b.due_at!);
  return {
    sla_due_at: running[0]?.due_at ?? null,
    sla_warn_at: running[0]?.warn_at ?? null,
    sla_paused: running.length === 0 && clocks.some((c) => c.paused_since !== null) ? 1 : 0,
  };
}

/** Copies the earliest running due time onto the ticket (what the inbox sorts, counts and colours by). */
export async function refreshTicketSla(trx: Tx, ticketId: number): Promise<SlaColumns> {
  const cols = slaColumns(await ticketClocks(trx, ticketId));
  await trx.updateTable("tickets").set(cols).where("id", "=", ticketId).execute();
  const t = await trx.selectFrom("tickets").select("sla_policy_id").where("id", "=", ticketId).executeTakeFirstOrThrow();
  return { ...cols, sla_policy_id: t.sla_policy_id };
}

export { isPausedStatus, isDone };
