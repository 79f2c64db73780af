import "server-only";
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table types. Times are epoch milliseconds (BIGINT) in both dialects; booleans are 0/1;
 * JSON is stored as text and parsed in server/db/json.ts.
 */
export type Role = "customer" | "agent" | "lead" | "admin";
export type Locale = "en" | "ru";
export type TicketStatus = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";
export type TicketPriority = "low" | "normal" | "high" | "urgent";
export type MessageKind = "reply" | "note";
export type JobStatus = "pending" | "running" | "done" | "dead";
export type EmailStatus = "queued" | "sent" | "kept" | "failed";

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  locale: Locale;
  disabled: number;
  invite_token_hash: string | null;
  invite_expires_at: number | null;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
  /** 1 for staff on duty: they receive monitor alerts first. */
  on_duty: Generated<number>;
  /** When the account's personal data was erased (server/privacy); the row stays, anonymised, for references. */
  erased_at: Generated<number | null>;
  /** Bumped to end every session of the user (server/sessions): a session is valid only at its user's version. */
  session_version: Generated<number>;
}

/** One signed-in browser (server/sessions); the session token carries its id. */
export interface UserSessionsTable {
  id: string;
  user_id: number;
  session_version: number;
  created_at: number;
  /** Written at most once a minute: the idle lifetime counts from it. */
  last_seen_at: number;
  /** The absolute end of the session. */
  expires_at: number;
  revoked_at: number | null;
  ip: string;
  user_agent: string;
  /** "Firefox on Linux": what the session list shows. */
  label: string;
}

/** An email address change waiting for its confirmation link: the token's SHA-256, deleted once used or replaced. */
export interface EmailChangesTable {
  id: Generated<number>;
  user_id: number;
  new_email: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

/** A password reset link that can still be used: the token's SHA-256, deleted once used or superseded. */
export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

/** A sign-up waiting for its address to be confirmed: the account is created when the link is followed. */
export interface SignUpRequestsTable {
  id: Generated<number>;
  email: string;
  name: string;
  locale: Locale;
  password_hash: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
}

export interface TicketsTable {
  id: Generated<number>;
  requester_id: number;
  assignee_id: number | null;
  subject: string;
  description: string;
  steps: string;
  expected: string;
  actual: string;
  page_url: string;
  priority: TicketPriority;
  status: TicketStatus;
  /** 1 unless solved or closed; kept by ticketStatusColumns() so the inbox can walk an index. */
  is_open: number;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  solved_at: number | null;
  /** When the retention job removed the ticket's text (its times, status and people stay for reports). */
  anonymised_at: Generated<number | null>;
}

export interface TicketMessagesTable {
  id: Generated<number>;
  ticket_id: number;
  author_id: number;
  kind: MessageKind;
  body: string;
  created_at: number;
}

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

export type ArticleKind = "article" | "faq";
export type ArticleStatus = "draft" | "published" | "archived";

export interface KbArticlesTable {
  id: Generated<number>;
  kind: ArticleKind;
  slug: string;
  locale: Locale;
  translation_key: string;
  category: string;
  title: string;
  summary: string;
  tags: string;
  body: string;
  /** Plain text of `body` for search; NULL until the app first writes or backfills it (rows from before migration 0005). */
  body_text: string | null;
  status: ArticleStatus;
  position: number;
  source_path: string | null;
  source_hash: string | null;
  revision: number;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

export interface KbRevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  title: string;
  summary: string;
  category: string;
  tags: string;
  body: string;
  status: ArticleStatus;
  author_id: number | null;
  note: string;
  created_at: number;
}

export interface KbFeedbackTable {
  id: Generated<number>;
  article_id: number;
  helpful: number;
  reason: string | null;
  comment: string | null;
  created_at: number;
}

export interface KbSearchLogTable {
  id: Generated<number>;
  query: string;
  locale: Locale;
  results: number;
  visitor: string | null;
  ticket_after: number;
  created_at: number;
}

export interface KbDeflectionsTable {
  id: Generated<number>;
  visitor: string;
  article_id: number;
  ticket_filed: number;
  created_at: number;
}

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

/** A user's authenticator (TOTP): the secret encrypted (server/two-factor/secret-box.ts); enabled once confirmed. */
export interface UserTwoFactorTable {
  user_id: number;
  secret_enc: string;
  enabled_at: number | null;
  /** The last accepted TOTP time step: a code is accepted once. */
  last_step: number | null;
  created_at: number;
  updated_at: number;
}

/** Single-use recovery codes, stored as sha256(salt + code). */
export interface UserRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  salt: string;
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

/** One row (id 1): the roles that must use a second factor, comma-separated; NULL until an admin decides. */
export interface TwoFactorSettingsTable {
  id: number;
  required_roles: string | null;
  updated_at: number;
  updated_by: number | null;
}

/** WebAuthn credentials (passkeys). */
export interface UserPasskeysTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: Generated<number>;
  transports: string | null;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

/** WebAuthn challenges handed out and not yet used. */
export interface WebauthnChallengesTable {
  challenge: string;
  user_id: number | null;
  purpose: string;
  expires_at: number;
}

export interface Database {
  users: UsersTable;
  password_resets: PasswordResetsTable;
  sign_up_requests: SignUpRequestsTable;
  user_sessions: UserSessionsTable;
  email_changes: EmailChangesTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  retention_settings: RetentionSettingsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  outbox_emails: OutboxEmailsTable;
  kb_articles: KbArticlesTable;
  kb_revisions: KbRevisionsTable;
  kb_feedback: KbFeedbackTable;
  kb_search_log: KbSearchLogTable;
  kb_deflections: KbDeflectionsTable;
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
  user_two_factor: UserTwoFactorTable;
  user_recovery_codes: UserRecoveryCodesTable;
  two_factor_settings: TwoFactorSettingsTable;
  user_passkeys: UserPasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Ticket = Selectable<TicketsTable>;
export type TicketMessage = Selectable<TicketMessagesTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Job = Selectable<JobsTable>;
export type OutboxEmail = Selectable<OutboxEmailsTable>;
export type KbArticle = Selectable<KbArticlesTable>;
export type KbRevision = Selectable<KbRevisionsTable>;
export type StatusComponent = Selectable<StatusComponentsTable>;
export type Monitor = Selectable<MonitorsTable>;
export type Incident = Selectable<IncidentsTable>;
export type Maintenance = Selectable<MaintenancesTable>;
