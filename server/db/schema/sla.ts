import "server-only";
import type { Generated } from "kysely";

/** Business-hours calendars, SLA policies, ticket clocks, pauses and recorded targets. */

export type SlaMetric = "first_response" | "next_response" | "resolution";
export type SlaBreachAction = "none" | "raise_priority" | "reassign_team";

export interface SlaCalendarsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  week_json: string;
  holidays_json: string;
  created_at: number;
  updated_at: number;
}

export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  position: number;
  calendar_id: number | null;
  conditions_json: string;
  targets_json: string;
  breach_action: SlaBreachAction;
  created_at: number;
  updated_at: number;
}

export interface SlaClocksTable {
  id: Generated<number>;
  ticket_id: number;
  metric: SlaMetric;
  policy_id: number;
  target_minutes: number;
  started_at: number;
  paused_ms: Generated<number>;
  paused_since: number | null;
  due_at: number | null;
  warn_at: number | null;
  next_check_at: number | null;
  warned_at: number | null;
  breached_at: number | null;
}

export interface SlaPausesTable {
  id: Generated<number>;
  ticket_id: number;
  reason: string;
  from_at: number;
  to_at: number | null;
  paused_by: number | null;
  resumed_by: number | null;
}

export interface SlaResultsTable {
  id: Generated<number>;
  ticket_id: number;
  metric: SlaMetric;
  policy_id: number;
  due_at: number;
  achieved_at: number;
  met: number;
  business_minutes_late: number;
}

export interface SlaTables {
  sla_calendars: SlaCalendarsTable;
  sla_policies: SlaPoliciesTable;
  sla_clocks: SlaClocksTable;
  sla_pauses: SlaPausesTable;
  sla_results: SlaResultsTable;
}
