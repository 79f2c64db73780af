import type { Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app.
//
// - `user_sessions`: one row per sign-in, referenced from the session token by its random id. A request is
//   served only while its row is neither revoked nor expired (idle: `last_seen_at`, written at most once a
//   minute; absolute: `expires_at`) and its `session_version` equals the user's.
// - `users.session_version`: bumped by a password change, a role change, disabling the account and "sign
//   out everywhere", which ends every session of the user at its next request (a session to keep is moved
//   to the new version in the same transaction).
// - `email_changes`: an address change waiting for its confirmation link: only the SHA-256 of the token is
//   kept; the row is deleted when used or replaced, and expires.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("session_version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("user_sessions")
    .addColumn("id", "varchar(32)", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("session_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("ip", "varchar(64)", (c) => c.notNull())
    .addColumn("user_agent", "varchar(512)", (c) => c.notNull())
    .addColumn("label", "varchar(120)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_sessions_user_id").on("user_sessions").columns(["user_id", "created_at"]).execute();
  await db.schema.createIndex("user_sessions_expires_at").on("user_sessions").column("expires_at").execute();

  await db.schema
    .createTable("email_changes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("new_email", "varchar(254)", (c) => c.notNull())
    .addColumn("token_hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("email_changes_user_id").on("email_changes").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("email_changes").execute();
  await db.schema.dropTable("user_sessions").execute();
  await db.schema.alterTable("users").dropColumn("session_version").execute();
}
