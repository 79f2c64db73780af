import type { Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app.
//
// - `password_resets`: one row per reset link that can still be used. Only the SHA-256 of the token is kept;
//   a row is deleted when it is used, when a newer link is issued for the same user, when the password
//   changes, and by the hourly sweep once it has expired (30 minutes).
// - `sign_up_requests`: a sign-up waiting for its email address to be confirmed. The account is created only
//   when the link is followed, so an address nobody confirmed never becomes an account (nor blocks one). The
//   password is kept as its argon2 hash, the token as its SHA-256; rows expire after a day and are swept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_resets")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("token_hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_resets_user_id").on("password_resets").column("user_id").execute();
  await db.schema.createIndex("password_resets_expires_at").on("password_resets").column("expires_at").execute();

  await db.schema
    .createTable("sign_up_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "varchar(254)", (c) => c.notNull())
    .addColumn("name", "varchar(120)", (c) => c.notNull())
    .addColumn("locale", "varchar(8)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(255)", (c) => c.notNull())
    .addColumn("token_hash", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_up_requests_email").on("sign_up_requests").column("email").execute();
  await db.schema.createIndex("sign_up_requests_expires_at").on("sign_up_requests").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_up_requests").execute();
  await db.schema.dropTable("password_resets").execute();
}
