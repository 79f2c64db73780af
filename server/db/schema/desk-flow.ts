import "server-only";
import type { Generated } from "kysely";

/** Teams' routing, agents' availability and notifications (migration 0016). */

/** One row per team: how new tickets are handed out within it. The team's row in `teams` is the lock. */
export interface TeamRoutingTable {
  team_id: number;
  /** 1: new tickets routed to the team go round-robin to its available members. */
  auto_assign: Generated<number>;
  /** Open tickets a member may hold before round-robin passes them over; NULL: no cap (an agent's own cap still holds). */
  open_cap: number | null;
  /** The member who got the last ticket: the next one goes to the first eligible member after them. */
  last_user_id: number | null;
  updated_at: number;
}

/** The team a category's new tickets go to. */
export interface CategoryRoutingTable {
  category_id: number;
  team_id: number;
  updated_at: number;
}

/** A staff member's availability; no row means available with no cap of their own. */
export interface AgentStatusTable {
  user_id: number;
  away: Generated<number>;
  /** Their own cap of open tickets, before the team's. */
  open_cap: number | null;
  updated_at: number;
}

/** An in-app notification for one staff member. Its sentence is rendered when read, in the reader's language. */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  ticket_id: number | null;
  /** The sentence's placeholders, JSON. */
  vars_json: string;
  created_at: number;
  read_at: number | null;
}

/** A user's switches for one kind; no row means the kind's defaults (server/notifications/kinds.ts). */
export interface NotificationSettingsTable {
  user_id: number;
  kind: string;
  in_app: number;
  email: number;
}

export interface DeskFlowTables {
  team_routing: TeamRoutingTable;
  category_routing: CategoryRoutingTable;
  agent_status: AgentStatusTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
}
