import "server-only";
import type { Generated } from "kysely";

/** Audit trail, retention, job queue and outbox. */

export type JobStatus = "pending" | "running" | "done" | "dead";

export type EmailStatus = "queued" | "sent" | "kept" | "failed";

export interface AuditEventsTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: string;
  user_agent: string;
  created_at: number;
  prev_hash: string;
  hash: string;
  /** Secret the salts of the personal fields' digests derive from (server/audit/seal.ts); NULL once redacted. */
  payload_key: Generated<string | null>;
  /** JSON { salts, digests } once a field has been redacted: the digests of removed fields, the salts of kept ones. */
  redactions: Generated<string | null>;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  kind: "upgrade" | "pruned";
  through_id: number;
  through_hash: string;
  legacy_hash: string | null;
  checked: number;
  /** JSON array of { id, problem } found when the events up to through_id were checked. */
  problems: string | null;
  created_at: number;
}

export type TicketRetentionAction = "delete" | "anonymise";

export interface RetentionSettingsTable {
  id: number;
  /** NULL: closed tickets are kept. */
  closed_ticket_days: number | null;
  closed_ticket_action: TicketRetentionAction;
  /** NULL: audit events are kept. */
  audit_event_days: number | null;
  updated_at: number;
  updated_by: number | null;
}

export interface AuditHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: string;
  status: JobStatus;
  run_at: number;
  attempts: number;
  max_attempts: number;
  lease_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface JobSchedulesTable {
  name: string;
  type: string;
  payload: string;
  interval_ms: number;
  next_run_at: number;
}

export interface OutboxEmailsTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  status: EmailStatus;
  created_at: number;
  sent_at: number | null;
  error: string | null;
}

export interface SystemTables {
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  retention_settings: RetentionSettingsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  outbox_emails: OutboxEmailsTable;
}
