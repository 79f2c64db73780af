import "server-only";
import type { Generated } from "kysely";
import type { Locale } from "./users";

/** Status page: components, monitors, incidents, maintenance, subscribers. */

export type ComponentStatus = "operational" | "degraded" | "partial_outage" | "major_outage" | "maintenance";

export type MonitorKind = "http" | "tcp" | "tls" | "heartbeat";

export type MonitorState = "pending" | "up" | "degraded" | "down" | "paused";

export type CheckResult = "up" | "degraded" | "down";

export type IncidentImpact = "none" | "minor" | "major" | "critical";

export type IncidentStatus = "investigating" | "identified" | "monitoring" | "resolved";

export type MaintenanceStatus = "scheduled" | "in_progress" | "completed" | "cancelled";

export interface StatusGroupsTable {
  id: Generated<number>;
  name_en: string;
  name_ru: string;
  position: number;
  created_at: number;
}

export interface StatusComponentsTable {
  id: Generated<number>;
  group_id: number | null;
  slug: string;
  name_en: string;
  name_ru: string;
  description_en: string;
  description_ru: string;
  status: ComponentStatus;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface MonitorsTable {
  id: Generated<number>;
  component_id: number | null;
  name: string;
  kind: MonitorKind;
  target: string;
  /** JSON: { expectedStatus?, keyword?, degradedMs?, tlsWarnDays? } */
  config: string;
  interval_s: number;
  timeout_ms: number;
  fail_threshold: number;
  recover_threshold: number;
  heartbeat_token_hash: string | null;
  enabled: number;
  state: MonitorState;
  consecutive_failures: number;
  consecutive_successes: number;
  last_checked_at: number | null;
  last_heartbeat_at: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  next_check_at: number;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface MonitorChecksTable {
  id: Generated<number>;
  monitor_id: number;
  checked_at: number;
  scheduled_at: number;
  result: CheckResult;
  latency_ms: number | null;
  error: string | null;
}

export interface MonitorRollupsTable {
  monitor_id: number;
  period: "hour" | "day";
  bucket_start: number;
  checks: number;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latency_sum: number;
  latency_count: number;
  latency_max: number;
}

export interface IncidentsTable {
  id: Generated<number>;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  auto: number;
  monitor_id: number | null;
  started_at: number;
  resolved_at: number | null;
  merged_into_id: number | null;
  postmortem: string | null;
  postmortem_published_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface IncidentComponentsTable {
  incident_id: number;
  component_id: number;
  status: ComponentStatus;
}

export interface IncidentUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  status: IncidentStatus;
  body: string;
  author_id: number | null;
  created_at: number;
}

export interface IncidentTicketsTable {
  incident_id: number;
  ticket_id: number;
  linked_by: number | null;
  created_at: number;
}

export interface MaintenancesTable {
  id: Generated<number>;
  title: string;
  body: string;
  starts_at: number;
  ends_at: number;
  status: MaintenanceStatus;
  created_at: number;
  updated_at: number;
}

export interface MaintenanceComponentsTable {
  maintenance_id: number;
  component_id: number;
}

export interface StatusSubscribersTable {
  id: Generated<number>;
  kind: "email" | "webhook";
  target: string;
  locale: Locale;
  /** JSON array of component ids, or null for all components. */
  components: string | null;
  secret: string | null;
  confirmed: number;
  confirm_token_hash: string | null;
  unsubscribe_token_hash: string;
  created_at: number;
  confirmed_at: number | null;
  /** Webhooks only (null for email): whether the endpoint proved control, or staff let it through. */
  webhook_state: WebhookState | null;
  /** Why the last verification call failed, for staff. */
  webhook_error: string | null;
}

/**
 * unverified: waiting for the endpoint to echo a signed challenge; verified: it did; approved: staff let it
 * through; failed: the verification attempts ran out. Only verified and approved ones receive events.
 */
export type WebhookState = "unverified" | "verified" | "approved" | "failed";

export interface MonitorAlertsTable {
  id: Generated<number>;
  monitor_id: number;
  incident_id: number | null;
  opened_at: number;
  acknowledged_at: number | null;
  acknowledged_by: number | null;
  escalated_at: number | null;
  closed_at: number | null;
}

export interface StatusTables {
  status_groups: StatusGroupsTable;
  status_components: StatusComponentsTable;
  monitors: MonitorsTable;
  monitor_checks: MonitorChecksTable;
  monitor_rollups: MonitorRollupsTable;
  incidents: IncidentsTable;
  incident_components: IncidentComponentsTable;
  incident_updates: IncidentUpdatesTable;
  incident_tickets: IncidentTicketsTable;
  maintenances: MaintenancesTable;
  maintenance_components: MaintenanceComponentsTable;
  status_subscribers: StatusSubscribersTable;
  monitor_alerts: MonitorAlertsTable;
}
