import type { Kysely } from "kysely";

// Frozen in time. Tables for working a ticket:
// - `ticket_attachments`: one row per uploaded file. An upload is first a pending row (ticket_id NULL) with
//   its blob in storage under `storage_key` (random, never derived from the name); the message's
//   transaction links it (ticket_id, and message_id unless it belongs to the ticket's first message).
//   Pending rows older than a day are orphans, removed with their blobs; (ticket_id, created_at) finds
//   both a ticket's files and the orphans.
// - `ticket_presence`: who has a ticket open and whether they are typing, one row per (ticket, user),
//   refreshed every few seconds by the open page; rows older than a minute are gone.
// - `macros`: saved replies. owner_id NULL means shared with all staff; actions_json holds what applying
//   the macro also sets (status, priority, assignee, tags).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ticket_attachments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("ticket_id", "integer")
    .addColumn("message_id", "integer")
    .addColumn("uploader_id", "integer", (c) => c.notNull())
    .addColumn("storage_key", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("file_name", "varchar(255)", (c) => c.notNull())
    .addColumn("content_type", "varchar(100)", (c) => c.notNull())
    .addColumn("size", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("linked_at", "bigint")
    .execute();
  await db.schema.createIndex("ticket_attachments_ticket").on("ticket_attachments").columns(["ticket_id", "created_at"]).execute();
  await db.schema.createIndex("ticket_attachments_uploader").on("ticket_attachments").columns(["uploader_id", "created_at"]).execute();

  await db.schema
    .createTable("ticket_presence")
    .addColumn("ticket_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("typing", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_presence_pk", ["ticket_id", "user_id"])
    .execute();
  await db.schema.createIndex("ticket_presence_seen").on("ticket_presence").column("seen_at").execute();

  await db.schema
    .createTable("macros")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("owner_id", "integer")
    .addColumn("name", "varchar(120)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("actions_json", "text")
    .addColumn("created_by", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("macros_owner_name").on("macros").columns(["owner_id", "name"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("macros").execute();
  await db.schema.dropTable("ticket_presence").execute();
  await db.schema.dropTable("ticket_attachments").execute();
}
