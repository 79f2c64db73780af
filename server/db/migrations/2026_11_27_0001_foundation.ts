import { sql, type Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app.
// Column types chosen to mean the same on SQLite and MySQL/MariaDB:
// varchar for indexed text, mediumtext for long text, bigint epoch-ms for times.

const longText = sql`mediumtext`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "varchar(254)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(120)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(255)")
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    .addColumn("locale", "varchar(8)", (c) => c.notNull().defaultTo("en"))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("invite_token_hash", "varchar(64)")
    .addColumn("invite_expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("last_sign_in_at", "bigint")
    .execute();
  await db.schema.createIndex("users_role_id").on("users").columns(["role", "id"]).execute();
  await db.schema.createIndex("users_invite").on("users").column("invite_token_hash").execute();

  await db.schema
    .createTable("tickets")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("requester_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("assignee_id", "integer", (c) => c.references("users.id"))
    .addColumn("subject", "varchar(200)", (c) => c.notNull())
    .addColumn("description", longText, (c) => c.notNull())
    .addColumn("steps", longText, (c) => c.notNull())
    .addColumn("expected", longText, (c) => c.notNull())
    .addColumn("actual", longText, (c) => c.notNull())
    .addColumn("page_url", "varchar(2048)", (c) => c.notNull())
    .addColumn("priority", "varchar(16)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("first_response_at", "bigint")
    .addColumn("solved_at", "bigint")
    .execute();
  await db.schema.createIndex("tickets_requester_id").on("tickets").columns(["requester_id", "id"]).execute();
  await db.schema.createIndex("tickets_status_id").on("tickets").columns(["status", "id"]).execute();
  await db.schema.createIndex("tickets_assignee_id").on("tickets").columns(["assignee_id", "id"]).execute();

  await db.schema
    .createTable("ticket_messages")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "varchar(8)", (c) => c.notNull())
    .addColumn("body", longText, (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ticket_messages_ticket_id").on("ticket_messages").columns(["ticket_id", "id"]).execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("actor_id", "integer")
    .addColumn("actor_role", "varchar(16)", (c) => c.notNull())
    .addColumn("action", "varchar(64)", (c) => c.notNull())
    .addColumn("entity_type", "varchar(32)", (c) => c.notNull())
    .addColumn("entity_id", "varchar(64)", (c) => c.notNull())
    .addColumn("before_json", longText)
    .addColumn("after_json", longText)
    .addColumn("ip", "varchar(64)", (c) => c.notNull())
    .addColumn("user_agent", "varchar(512)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("prev_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("hash", "varchar(64)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_actor_id").on("audit_events").columns(["actor_id", "id"]).execute();
  await db.schema.createIndex("audit_action_id").on("audit_events").columns(["action", "id"]).execute();
  await db.schema.createIndex("audit_entity_id").on("audit_events").columns(["entity_type", "entity_id", "id"]).execute();
  await db.schema.createIndex("audit_created_at").on("audit_events").columns(["created_at", "id"]).execute();

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("last_id", "integer", (c) => c.notNull())
    .addColumn("last_hash", "varchar(64)", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audit_head")
    .values({ id: 1, last_id: 0, last_hash: "0".repeat(64) })
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("type", "varchar(64)", (c) => c.notNull())
    .addColumn("payload", longText, (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("run_at", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("lease_until", "bigint")
    .addColumn("locked_by", "varchar(64)")
    .addColumn("last_error", sql`text`)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_status_run_at").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema.createIndex("jobs_status_lease").on("jobs").columns(["status", "lease_until"]).execute();

  await db.schema
    .createTable("job_schedules")
    .addColumn("name", "varchar(64)", (c) => c.primaryKey())
    .addColumn("type", "varchar(64)", (c) => c.notNull())
    .addColumn("payload", sql`text`, (c) => c.notNull())
    .addColumn("interval_ms", "bigint", (c) => c.notNull())
    .addColumn("next_run_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("outbox_emails")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("to_address", "varchar(254)", (c) => c.notNull())
    .addColumn("subject", "varchar(300)", (c) => c.notNull())
    .addColumn("body_text", longText, (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .addColumn("error", sql`text`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["outbox_emails", "job_schedules", "jobs", "audit_head", "audit_events", "ticket_messages", "tickets", "users"]) {
    await db.schema.dropTable(t).execute();
  }
}
