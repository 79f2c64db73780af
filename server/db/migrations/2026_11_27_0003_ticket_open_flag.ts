import { sql, type Kysely } from "kysely";

// Frozen in time. The inbox's main view is "open tickets, newest first": with a flag and an index on
// (is_open, id) both engines walk the index in order and stop after one page, instead of sorting every
// open ticket (an IN list over status cannot be read in id order).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("tickets")
    .addColumn("is_open", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update tickets set is_open = case when status in ('solved', 'closed') then 0 else 1 end`.execute(db);
  await db.schema.createIndex("tickets_open_id").on("tickets").columns(["is_open", "id"]).execute();
  await db.schema.createIndex("tickets_assignee_open_id").on("tickets").columns(["assignee_id", "is_open", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tickets_assignee_open_id").on("tickets").execute();
  await db.schema.dropIndex("tickets_open_id").on("tickets").execute();
  await db.schema.alterTable("tickets").dropColumn("is_open").execute();
}
