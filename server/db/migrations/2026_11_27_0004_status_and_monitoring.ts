import { sql, type Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app. Times are epoch ms (bigint).
const longText = sql`mediumtext`;

export async function up(db: Kysely<any>): Promise<void> {
  // Staff on duty receive monitor alerts first; leads get what stays unacknowledged.
  await db.schema
    .alterTable("users")
    .addColumn("on_duty", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("status_groups")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name_en", "varchar(120)", (c) => c.notNull())
    .addColumn("name_ru", "varchar(120)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("status_components")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("group_id", "integer", (c) => c.references("status_groups.id"))
    .addColumn("slug", "varchar(64)", (c) => c.notNull().unique())
    .addColumn("name_en", "varchar(120)", (c) => c.notNull())
    .addColumn("name_ru", "varchar(120)", (c) => c.notNull())
    .addColumn("description_en", "varchar(300)", (c) => c.notNull().defaultTo(""))
    .addColumn("description_ru", "varchar(300)", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "varchar(24)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("monitors")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("component_id", "integer", (c) => c.references("status_components.id"))
    .addColumn("name", "varchar(120)", (c) => c.notNull())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("target", "varchar(2048)", (c) => c.notNull())
    .addColumn("config", sql`text`, (c) => c.notNull())
    .addColumn("interval_s", "integer", (c) => c.notNull())
    .addColumn("timeout_ms", "integer", (c) => c.notNull())
    .addColumn("fail_threshold", "integer", (c) => c.notNull())
    .addColumn("recover_threshold", "integer", (c) => c.notNull())
    .addColumn("heartbeat_token_hash", "varchar(64)")
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("consecutive_successes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_checked_at", "bigint")
    .addColumn("last_heartbeat_at", "bigint")
    .addColumn("last_latency_ms", "integer")
    .addColumn("last_error", "varchar(500)")
    .addColumn("next_check_at", "bigint", (c) => c.notNull())
    .addColumn("lease_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("monitors_due").on("monitors").columns(["enabled", "next_check_at"]).execute();
  await db.schema.createIndex("monitors_heartbeat").on("monitors").column("heartbeat_token_hash").execute();

  // Raw results are kept for a configurable number of days; hourly and daily rollups keep the history.
  await db.schema
    .createTable("monitor_checks")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("monitor_id", "integer", (c) => c.notNull())
    .addColumn("checked_at", "bigint", (c) => c.notNull())
    .addColumn("scheduled_at", "bigint", (c) => c.notNull())
    .addColumn("result", "varchar(16)", (c) => c.notNull())
    .addColumn("latency_ms", "integer")
    .addColumn("error", "varchar(300)")
    .execute();
  await db.schema.createIndex("monitor_checks_monitor_time").on("monitor_checks").columns(["monitor_id", "checked_at"]).execute();
  await db.schema.createIndex("monitor_checks_time").on("monitor_checks").column("checked_at").execute();

  await db.schema
    .createTable("monitor_rollups")
    .addColumn("monitor_id", "integer", (c) => c.notNull())
    .addColumn("period", "varchar(8)", (c) => c.notNull())
    .addColumn("bucket_start", "bigint", (c) => c.notNull())
    .addColumn("checks", "integer", (c) => c.notNull())
    .addColumn("up", "integer", (c) => c.notNull())
    .addColumn("degraded", "integer", (c) => c.notNull())
    .addColumn("down", "integer", (c) => c.notNull())
    .addColumn("maintenance", "integer", (c) => c.notNull())
    .addColumn("latency_sum", "bigint", (c) => c.notNull())
    .addColumn("latency_count", "integer", (c) => c.notNull())
    .addColumn("latency_max", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("monitor_rollups_pk", ["monitor_id", "period", "bucket_start"])
    .execute();

  await db.schema
    .createTable("incidents")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("impact", "varchar(16)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("auto", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("monitor_id", "integer")
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("merged_into_id", "integer")
    .addColumn("postmortem", longText)
    .addColumn("postmortem_published_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incidents_status_started").on("incidents").columns(["status", "started_at"]).execute();
  await db.schema.createIndex("incidents_started").on("incidents").columns(["started_at", "id"]).execute();

  await db.schema
    .createTable("incident_components")
    .addColumn("incident_id", "integer", (c) => c.notNull())
    .addColumn("component_id", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(24)", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_components_pk", ["incident_id", "component_id"])
    .execute();
  await db.schema.createIndex("incident_components_component").on("incident_components").columns(["component_id", "incident_id"]).execute();

  await db.schema
    .createTable("incident_updates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("incident_id", "integer", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("body", sql`text`, (c) => c.notNull())
    .addColumn("author_id", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incident_updates_incident").on("incident_updates").columns(["incident_id", "id"]).execute();

  await db.schema
    .createTable("incident_tickets")
    .addColumn("incident_id", "integer", (c) => c.notNull())
    .addColumn("ticket_id", "integer", (c) => c.notNull())
    .addColumn("linked_by", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_tickets_pk", ["incident_id", "ticket_id"])
    .execute();
  await db.schema.createIndex("incident_tickets_ticket").on("incident_tickets").columns(["ticket_id"]).execute();

  await db.schema
    .createTable("maintenances")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("body", sql`text`, (c) => c.notNull())
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("ends_at", "bigint", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("maintenances_window").on("maintenances").columns(["starts_at", "ends_at"]).execute();

  await db.schema
    .createTable("maintenance_components")
    .addColumn("maintenance_id", "integer", (c) => c.notNull())
    .addColumn("component_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("maintenance_components_pk", ["maintenance_id", "component_id"])
    .execute();

  await db.schema
    .createTable("status_subscribers")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("target", "varchar(2048)", (c) => c.notNull())
    .addColumn("locale", "varchar(8)", (c) => c.notNull())
    .addColumn("components", sql`text`)
    .addColumn("secret", "varchar(128)")
    .addColumn("confirmed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("confirm_token_hash", "varchar(64)")
    .addColumn("unsubscribe_token_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("confirmed_at", "bigint")
    .execute();
  await db.schema.createIndex("status_subscribers_confirm").on("status_subscribers").column("confirm_token_hash").execute();
  await db.schema.createIndex("status_subscribers_unsub").on("status_subscribers").column("unsubscribe_token_hash").execute();

  await db.schema
    .createTable("monitor_alerts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("monitor_id", "integer", (c) => c.notNull())
    .addColumn("incident_id", "integer")
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("acknowledged_at", "bigint")
    .addColumn("acknowledged_by", "integer")
    .addColumn("escalated_at", "bigint")
    .addColumn("closed_at", "bigint")
    .execute();
  await db.schema.createIndex("monitor_alerts_open").on("monitor_alerts").columns(["closed_at", "opened_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("on_duty").execute();
  for (const t of [
    "monitor_alerts",
    "status_subscribers",
    "maintenance_components",
    "maintenances",
    "incident_tickets",
    "incident_updates",
    "incident_components",
    "incidents",
    "monitor_rollups",
    "monitor_checks",
    "monitors",
    "status_components",
    "status_groups",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
