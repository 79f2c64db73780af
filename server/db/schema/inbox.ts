import "server-only";
import type { Generated } from "kysely";

/** The agent workspace: teams, categories, tags, saved views and the counters behind the view counts. */

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  lead_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  created_at: number;
}

/** Admin-managed; the customer picks one in the ticket form. */
export interface CategoriesTable {
  id: Generated<number>;
  name_en: string;
  name_ru: string;
  position: Generated<number>;
  archived: Generated<number>;
  created_at: number;
  updated_at: number;
}

/** Free tags, and curated ones (offered first by the autocomplete). Names are stored lower-case. */
export interface TagsTable {
  id: Generated<number>;
  name: string;
  curated: Generated<number>;
  created_at: number;
}

export interface TicketTagsTable {
  ticket_id: number;
  tag_id: number;
}

export type SavedViewSharing = "personal" | "everyone" | "team";

export interface SavedViewsTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  shared_with: SavedViewSharing;
  team_id: number | null;
  /** The list filters (server/inbox/filters.ts), validated when read. */
  filters_json: string;
  created_at: number;
  updated_at: number;
}

export type InboxCountScope = "all" | "assignee" | "team";

/**
 * Tickets per (scope, status), kept by triggers on `tickets` (migration 0012) in the writing transaction.
 * `scope_id` is the assignee or team id, 0 for none (and for scope "all"); `slot` spreads writers over 8 rows.
 */
export interface InboxCountsTable {
  scope: InboxCountScope;
  scope_id: number;
  status: string;
  slot: number;
  n: number;
}

/**
 * Staff search's document of a ticket (migration 0019): its subject and description, then its messages' bodies,
 * as one text, kept by triggers; matched through MariaDB's FULLTEXT index or SQLite's `ticket_search_fts`.
 */
export interface TicketSearchTable {
  ticket_id: number;
  body: string;
}

export interface InboxTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
  categories: CategoriesTable;
  tags: TagsTable;
  ticket_tags: TicketTagsTable;
  saved_views: SavedViewsTable;
  inbox_counts: InboxCountsTable;
  ticket_search: TicketSearchTable;
}
