import type { Kysely } from "kysely";

// Frozen in time. Merges, follow-ups and satisfaction ratings:
// - `ticket_links`: one row per (ticket, kind): "merged_into" points a merged duplicate at the ticket that took
//   its conversation, "follow_up_of" points a follow-up at the closed ticket it continues. (other_id, kind)
//   finds the tickets pointing at one.
// - `ticket_ratings`: the satisfaction rating of a solved ticket, one row per ticket, created when the customer
//   is first asked (asked_at: the emailed link is signed over it and may be used for 7 days from it).
// - tickets (status, solved_at, id): the auto-close job walks solved tickets by when they were solved.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("ticket_links")
    .addColumn("ticket_id", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(20)", (c) => c.notNull())
    .addColumn("other_id", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_links_pk", ["ticket_id", "kind"])
    .execute();
  await db.schema.createIndex("ticket_links_other").on("ticket_links").columns(["other_id", "kind", "ticket_id"]).execute();

  await db.schema
    .createTable("ticket_ratings")
    .addColumn("ticket_id", "integer", (c) => c.primaryKey())
    .addColumn("requester_id", "integer", (c) => c.notNull())
    .addColumn("asked_at", "bigint", (c) => c.notNull())
    .addColumn("rating", "varchar(8)")
    .addColumn("comment", "text")
    .addColumn("rated_at", "bigint")
    .execute();

  await db.schema.createIndex("tickets_status_solved").on("tickets").columns(["status", "solved_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // MySQL/MariaDB name the table of an index to drop; SQLite refuses the clause.
  await db.schema
    .dropIndex("tickets_status_solved")
    .on("tickets")
    .execute()
    .catch(() => db.schema.dropIndex("tickets_status_solved").execute());
  await db.schema.dropTable("ticket_ratings").execute();
  await db.schema.dropTable("ticket_links").execute();
}
