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

export interface Database {
  users: UsersTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  outbox_emails: OutboxEmailsTable;
  kb_articles: KbArticlesTable;
  kb_revisions: KbRevisionsTable;
  kb_feedback: KbFeedbackTable;
  kb_search_log: KbSearchLogTable;
  kb_deflections: KbDeflectionsTable;
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
