import "server-only";
import type { Generated } from "kysely";

/** People and their sign-in records. */

export type Role = "customer" | "agent" | "lead" | "admin";

export type Locale = "en" | "ru";

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

export interface UserTables {
  users: UsersTable;
  password_resets: PasswordResetsTable;
  sign_up_requests: SignUpRequestsTable;
  user_sessions: UserSessionsTable;
  email_changes: EmailChangesTable;
}
