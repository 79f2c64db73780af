import type { Kysely } from "kysely";

// Frozen in time. Teams' routing, agents' availability and notifications:
// - `team_routing`: per team, whether new tickets are assigned round-robin, the team's cap of open tickets per
//   member, and the member who got the last one. One row per existing team is created here.
// - `category_routing`: the team a category's new tickets go to.
// - `agent_status`: a staff member away, and their own cap.
// - `notifications`: in-app rows, listed per user newest first (user_id, id) and counted unread (user_id, read_at).
// - `notification_settings`: a user's in-app and email switches per kind; absent rows take the kind's defaults.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("team_routing")
    .addColumn("team_id", "integer", (c) => c.primaryKey())
    .addColumn("auto_assign", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("open_cap", "integer")
    .addColumn("last_user_id", "integer")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  const teams = await db.selectFrom("teams").select("id").execute();
  if (teams.length)
    await db
      .insertInto("team_routing")
      .values(teams.map((t: { id: number }) => ({ team_id: t.id, auto_assign: 1, updated_at: Date.now() })))
      .execute();

  await db.schema
    .createTable("category_routing")
    .addColumn("category_id", "integer", (c) => c.primaryKey())
    .addColumn("team_id", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("category_routing_team").on("category_routing").column("team_id").execute();

  await db.schema
    .createTable("agent_status")
    .addColumn("user_id", "integer", (c) => c.primaryKey())
    .addColumn("away", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("open_cap", "integer")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("ticket_id", "integer")
    .addColumn("vars_json", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "id"]).execute();
  await db.schema.createIndex("notifications_unread").on("notifications").columns(["user_id", "read_at"]).execute();

  await db.schema
    .createTable("notification_settings")
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("kind", "varchar(40)", (c) => c.notNull())
    .addColumn("in_app", "integer", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_settings_pk", ["user_id", "kind"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notification_settings").execute();
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("agent_status").execute();
  await db.schema.dropTable("category_routing").execute();
  await db.schema.dropTable("team_routing").execute();
}
