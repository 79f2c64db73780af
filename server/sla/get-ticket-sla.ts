import "server-only";
import type { DB } from "../db";
import type { SlaMetric } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { businessMsBetween, ALWAYS_OPEN } from "./business-time";
import { loadPolicies } from "./policies";

export interface TicketSla {
  policy: string | null;
  /** The calendar's time zone; null for calendar time. */
  timeZone: string | null;
  breachAction: string | null;
  clocks: {
    metric: SlaMetric;
    startedAt: number;
    dueAt: number | null;
    warnAt: number | null;
    paused: boolean;
    pausedMinutes: number;
    breachedAt: number | null;
  }[];
  results: { metric: SlaMetric; dueAt: number; achievedAt: number; met: boolean; minutesLate: number }[];
  pauses: { reason: string; from: number; to: number | null }[];
}

/** A ticket's clocks explained, for staff (ticket.read.any); to anyone else the ticket does not exist. */
export async function getTicketSla(db: DB, ctx: RequestCtx, ticketId: number): Promise<TicketSla> {
  if (!can(ctx.actor, "ticket.read.any")) throw notFound(msg("err.ticketNotFound"));
  const ticket = await db.selectFrom("tickets").select(["id", "sla_policy_id"]).where("id", "=", ticketId).executeTakeFirst();
  if (!ticket) throw notFound(msg("err.ticketNotFound"));
  const [policies, clocks, results, pauses] = await Promise.all([
    loadPolicies(db),
    db.selectFrom("sla_clocks").selectAll().where("ticket_id", "=", ticketId).execute(),
    db.selectFrom("sla_results").selectAll().where("ticket_id", "=", ticketId).orderBy("id").execute(),
    db.selectFrom("sla_pauses").selectAll().where("ticket_id", "=", ticketId).orderBy("id").execute(),
  ]);
  const policy = policies.find((p) => p.id === ticket.sla_policy_id) ?? null;
  const now = ctx.now();
  const order: SlaMetric[] = ["first_response", "next_response", "resolution"];
  return {
    policy: policy?.name ?? null,
    timeZone: policy && policy.calendarId !== null ? policy.calendar.timeZone : null,
    breachAction: policy?.breachAction ?? null,
    clocks: clocks
      .sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric))
      .map((c) => {
        const cal = policies.find((p) => p.id === c.policy_id)?.calendar ?? ALWAYS_OPEN;
        const pausedMs = Number(c.paused_ms) + (c.paused_since !== null ? businessMsBetween(cal, c.paused_since, now) : 0);
        return {
          metric: c.metric,
          startedAt: c.started_at,
          dueAt: c.due_at,
          warnAt: c.warn_at,
          paused: c.paused_since !== null,
          pausedMinutes: Math.round(pausedMs / 60_000),
          breachedAt: c.breached_at,
        };
      }),
    results: results.map((r) => ({
      metric: r.metric,
      dueAt: r.due_at,
      achievedAt: r.achieved_at,
      met: r.met === 1,
      minutesLate: r.business_minutes_late,
    })),
    pauses: pauses.map((p) => ({ reason: p.reason, from: p.from_at, to: p.to_at })),
  };
}
