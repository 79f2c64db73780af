import "server-only";
import type { Generated } from "kysely";

/** Tables of working a ticket (migration 2026_12_03_0013): attachments, presence, macros. */

export interface TicketAttachmentsTable {
  id: Generated<number>;
  /** NULL while pending: uploaded, not yet sent with a message. */
  ticket_id: number | null;
  /** NULL for the ticket's first message (its description) and while pending. */
  message_id: number | null;
  uploader_id: number;
  /** Random name of the blob in storage; never shown, never derived from the file's name. */
  storage_key: string;
  /** Sanitised name, as shown and offered on download. */
  file_name: string;
  /** Decided from the bytes (file-type), not from what the browser said. */
  content_type: string;
  size: number;
  created_at: number;
  linked_at: number | null;
}

export interface TicketPresenceTable {
  ticket_id: number;
  user_id: number;
  typing: number;
  seen_at: number;
}

export interface MacrosTable {
  id: Generated<number>;
  /** NULL: shared with all staff (macro.share); otherwise the agent's own. */
  owner_id: number | null;
  name: string;
  body: string;
  /** JSON { status?, priority?, assignee?: "me" | "none" | number, tags? } applied with the reply. */
  actions_json: string | null;
  created_by: number;
  created_at: number;
  updated_at: number;
}

export interface AttachmentTables {
  ticket_attachments: TicketAttachmentsTable;
  ticket_presence: TicketPresenceTable;
  macros: MacrosTable;
}
