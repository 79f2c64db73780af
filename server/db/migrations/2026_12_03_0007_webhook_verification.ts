import type { Kysely } from "kysely";

// Frozen in time. A webhook subscription must prove control of its endpoint (a signed challenge it echoes)
// or be approved by staff before it receives anything. `webhook_state` is one of unverified, verified,
// approved, failed (NULL for email subscribers); `webhook_error` is the last reason a verification call
// failed, for staff. Webhooks that exist already were active without any such proof, possibly pointed at
// internal addresses: they become unverified (`confirmed` 0) and receive nothing until staff approve them
// or ask for a verification from the admin page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("status_subscribers").addColumn("webhook_state", "varchar(16)").execute();
  await db.schema.alterTable("status_subscribers").addColumn("webhook_error", "varchar(300)").execute();
  await db
    .updateTable("status_subscribers")
    .set({ webhook_state: "unverified", confirmed: 0, confirmed_at: null })
    .where("kind", "=", "webhook")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("status_subscribers")
    .set({ confirmed: 1 })
    .where("kind", "=", "webhook")
    .where("webhook_state", "in", ["verified", "approved"])
    .execute();
  await db.schema.alterTable("status_subscribers").dropColumn("webhook_error").execute();
  await db.schema.alterTable("status_subscribers").dropColumn("webhook_state").execute();
}
