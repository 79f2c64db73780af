import type { Kysely } from "kysely";

// Frozen in time. Two-factor authentication:
// - `user_two_factor`: one row per user with an authenticator (TOTP). `secret_enc` is the base32 secret
//   encrypted with AES-256-GCM under a key derived from the auth secret; `enabled_at` is NULL while the
//   enrolment waits for its first valid code; `last_step` is the last accepted TOTP time step (a code is
//   accepted once: replay protection).
// - `user_recovery_codes`: ten single-use codes per user, each stored as sha256(salt + code) with its own salt.
// - `two_factor_settings`: one row; `required_roles` lists the roles that must use a second factor,
//   comma-separated ("" for none), or NULL while no admin has decided (the app's default then applies).
// - `user_passkeys` and `webauthn_challenges`: WebAuthn credentials (public key, signature counter) and the
//   challenges handed out for them, each used once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_two_factor")
    .addColumn("user_id", "integer", (c) => c.primaryKey())
    .addColumn("secret_enc", "varchar(255)", (c) => c.notNull())
    .addColumn("enabled_at", "bigint")
    .addColumn("last_step", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("salt", "varchar(32)", (c) => c.notNull())
    .addColumn("code_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_recovery_codes_user").on("user_recovery_codes").column("user_id").execute();
  await db.schema
    .createTable("two_factor_settings")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("required_roles", "varchar(64)")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("updated_by", "integer")
    .execute();
  await db.insertInto("two_factor_settings").values({ id: 1, required_roles: null, updated_at: Date.now(), updated_by: null }).execute();
  await db.schema
    .createTable("user_passkeys")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull())
    // base64url of the credential id (WebAuthn allows up to 1023 bytes; authenticators use 16 to 64).
    .addColumn("credential_id", "varchar(512)", (c) => c.notNull().unique())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("counter", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("transports", "varchar(255)")
    .addColumn("name", "varchar(100)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .execute();
  await db.schema.createIndex("user_passkeys_user").on("user_passkeys").column("user_id").execute();
  await db.schema
    .createTable("webauthn_challenges")
    .addColumn("challenge", "varchar(128)", (c) => c.primaryKey())
    .addColumn("user_id", "integer")
    .addColumn("purpose", "varchar(16)", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webauthn_challenges_expires").on("webauthn_challenges").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webauthn_challenges").execute();
  await db.schema.dropTable("user_passkeys").execute();
  await db.schema.dropTable("two_factor_settings").execute();
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_two_factor").execute();
}
