import "server-only";
import { z } from "zod";
import type { Kysely } from "kysely";
import type { Database, SlaBreachAction, SlaMetric, Ticket, TicketPriority } from "../db/schema";
import { fromJson } from "../db/json";
import { ALWAYS_OPEN, isValidTimeZone, type Calendar } from "./business-time";

/** Calendars and policies as stored, and how a ticket finds its policy. */

export const METRICS: SlaMetric[] = ["first_response", "next_response", "resolution"];
export const PRIORITIES: TicketPriority[] = ["urgent", "high", "normal", "low"];

const ZRange = z
  .tuple([z.number().int().min(0).max(1439), z.number().int().min(1).max(1440)])
  .refine(([a, b]) => a < b, { message: "A range must end after it starts" });
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD");

export const ZCalendarInput = z.object({
  name: z.string().trim().min(1).max(80),
  timeZone: z.string().trim().min(1).max(64).refine(isValidTimeZone, { message: "Not a time zone (use a name such as Europe/Berlin)" }),
  week: z
    .array(z.array(ZRange).max(6))
    .length(7)
    .refine((days) => days.every((r) => r.every((x, i) => i === 0 || r[i - 1][1] <= x[0])), {
      message: "Ranges of a day must be in order and must not overlap",
    }),
  holidays: z
    .array(
      z
        .object({ from: ZDate, to: ZDate.optional(), yearly: z.boolean().optional() })
        .refine((h) => !h.to || h.from <= h.to, { message: "A holiday ends after it starts" }),
    )
    .max(200),
});
export type TCalendarInput = z.infer<typeof ZCalendarInput>;

const ZMinutes = z.number().int().min(1).max(525_600).nullable();
const ZTargets = z.object({ first_response: ZMinutes, next_response: ZMinutes, resolution: ZMinutes });
export const ZPolicyInput = z.object({
  name: z.string().trim().min(1).max(80),
  calendarId: z.number().int().positive().nullable(),
  conditions: z.object({
    priorities: z
      .array(z.enum(["urgent", "high", "normal", "low"]))
      .max(4)
      .default([]),
    categoryIds: z.array(z.number().int().positive()).max(100).default([]),
    teamIds: z.array(z.number().int().positive()).max(100).default([]),
    /** Customer organisations by the domain of the requester's email address. */
    domains: z.array(z.string().trim().toLowerCase().min(1).max(254)).max(100).default([]),
  }),
  /** Minutes per priority and metric; null: no target. */
  targets: z.object({ urgent: ZTargets, high: ZTargets, normal: ZTargets, low: ZTargets }),
  breachAction: z.enum(["none", "raise_priority", "reassign_team"]),
});
export type TPolicyInput = z.infer<typeof ZPolicyInput>;
export type PolicyConditions = TPolicyInput["conditions"];
export type PolicyTargets = TPolicyInput["targets"];

export interface Policy {
  id: number;
  name: string;
  position: number;
  calendarId: number | null;
  calendar: Calendar;
  /** The calendar's time zone, or UTC for calendar time. */
  conditions: PolicyConditions;
  targets: PolicyTargets;
  breachAction: SlaBreachAction;
}

export function calendarFromRow(row: { time_zone: string; week_json: string; holidays_json: string }): Calendar {
  return { timeZone: row.time_zone, week: fromJson(row.week_json) ?? [], holidays: fromJson(row.holidays_json) ?? [] };
}

/** Every policy in order with its calendar: a few rows, read once per ticket event. */
export async function loadPolicies(db: Kysely<Database>): Promise<Policy[]> {
  const rows = await db
    .selectFrom("sla_policies as p")
    .leftJoin("sla_calendars as c", "c.id", "p.calendar_id")
    .select([
      "p.id",
      "p.name",
      "p.position",
      "p.calendar_id",
      "p.conditions_json",
      "p.targets_json",
      "p.breach_action",
      "c.time_zone",
      "c.week_json",
      "c.holidays_json",
    ])
    .orderBy("p.position")
    .orderBy("p.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    calendarId: r.calendar_id,
    calendar:
      r.time_zone && r.week_json && r.holidays_json
        ? calendarFromRow({ time_zone: r.time_zone, week_json: r.week_json, holidays_json: r.holidays_json })
        : ALWAYS_OPEN,
    conditions: fromJson<PolicyConditions>(r.conditions_json)!,
    targets: fromJson<PolicyTargets>(r.targets_json)!,
    breachAction: r.breach_action,
  }));
}

/** The first policy whose every condition holds (an empty condition holds for all tickets). */
export function choosePolicy(
  policies: Policy[],
  ticket: Pick<Ticket, "priority" | "category_id" | "team_id">,
  requesterDomain: string | null,
): Policy | null {
  const holds = <T>(list: T[], value: T | null) => list.length === 0 || (value !== null && list.includes(value));
  return (
    policies.find(
      (p) =>
        holds(p.conditions.priorities, ticket.priority) &&
        holds(p.conditions.categoryIds, ticket.category_id) &&
        holds(p.conditions.teamIds, ticket.team_id) &&
        holds(p.conditions.domains, requesterDomain),
    ) ?? null
  );
}
