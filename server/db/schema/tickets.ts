import "server-only";
import type { Generated } from "kysely";

/** Tickets and their conversations. */

export type TicketStatus = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";

export type TicketPriority = "low" | "normal" | "high" | "urgent";

export type MessageKind = "reply" | "note";

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
  team_id: Generated<number | null>;
  category_id: Generated<number | null>;
  /** Generated from priority (0 urgent … 3 low): the inbox sorts by it through an index. Never written. */
  priority_order: Generated<number>;
  /** The SLA policy chosen for the ticket (server/sla). */
  sla_policy_id: Generated<number | null>;
  /** The earliest due time of its running SLA clocks; null when none runs (paused, met, no policy). Indexed. */
  sla_due_at: Generated<number | null>;
  /** When that clock enters its last quarter (amber). */
  sla_warn_at: Generated<number | null>;
  /** 1 while the clocks are paused (pending, on hold). */
  sla_paused: Generated<number>;
  /** Generated: sla_due_at, or a far-future constant when null (the inbox's due order and SLA views). Never written. */
  sla_due_order: Generated<number>;
}

export interface TicketMessagesTable {
  id: Generated<number>;
  ticket_id: number;
  author_id: number;
  kind: MessageKind;
  body: string;
  created_at: number;
}

export interface TicketTables {
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
}
