import { sql, type Kysely } from "kysely";

// Frozen in time. Business-hours calendars, SLA policies, the running clocks of each ticket, pauses and the
// recorded (met or missed) targets. The ticket carries its policy and its next due time, so the inbox sorts and
// counts "due soon" and "breached" through an index (on its generated `sla_due_order`), and the escalation sweep walks the clocks by their next
// check time through another: neither scans tickets.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sla_calendars")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "varchar(80)", (c) => c.notNull().unique())
    .addColumn("time_zone", "varchar(64)", (c) => c.notNull())
    // [[startMinute, endMinute], …] per weekday, Sunday first.
    .addColumn("week_json", "text", (c) => c.notNull())
    // [{ from: "YYYY-MM-DD", to?, yearly? }, …]
    .addColumn("holidays_json", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sla_policies")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "varchar(80)", (c) => c.notNull().unique())
    // Smaller first: the first policy whose conditions all hold is the ticket's.
    .addColumn("position", "integer", (c) => c.notNull())
    // No calendar: targets count calendar time.
    .addColumn("calendar_id", "integer", (c) => c.references("sla_calendars.id"))
    .addColumn("conditions_json", "text", (c) => c.notNull())
    .addColumn("targets_json", "text", (c) => c.notNull())
    // none | raise_priority | reassign_team
    .addColumn("breach_action", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sla_policies_position").on("sla_policies").columns(["position", "id"]).execute();

  await db.schema
    .createTable("sla_clocks")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    // first_response | next_response | resolution
    .addColumn("metric", "varchar(16)", (c) => c.notNull())
    .addColumn("policy_id", "integer", (c) => c.notNull().references("sla_policies.id"))
    .addColumn("target_minutes", "integer", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    // Business (or calendar) time spent paused so far, and since when it is paused now.
    .addColumn("paused_ms", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("paused_since", "bigint")
    // Null while paused.
    .addColumn("due_at", "bigint")
    .addColumn("warn_at", "bigint")
    // When the sweep next has something to do with this clock (warn, then breach); null when nothing is left.
    .addColumn("next_check_at", "bigint")
    .addColumn("warned_at", "bigint")
    .addColumn("breached_at", "bigint")
    .execute();
  await db.schema.createIndex("sla_clocks_ticket_metric").on("sla_clocks").columns(["ticket_id", "metric"]).unique().execute();
  await db.schema.createIndex("sla_clocks_next_check").on("sla_clocks").columns(["next_check_at", "id"]).execute();

  await db.schema
    .createTable("sla_pauses")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    // The status that paused the clock: pending | on_hold
    .addColumn("reason", "varchar(16)", (c) => c.notNull())
    .addColumn("from_at", "bigint", (c) => c.notNull())
    .addColumn("to_at", "bigint")
    .addColumn("paused_by", "integer", (c) => c.references("users.id"))
    .addColumn("resumed_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("sla_pauses_ticket").on("sla_pauses").columns(["ticket_id", "id"]).execute();

  await db.schema
    .createTable("sla_results")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    .addColumn("metric", "varchar(16)", (c) => c.notNull())
    .addColumn("policy_id", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint", (c) => c.notNull())
    .addColumn("achieved_at", "bigint", (c) => c.notNull())
    .addColumn("met", "integer", (c) => c.notNull())
    .addColumn("business_minutes_late", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sla_results_ticket").on("sla_results").columns(["ticket_id", "id"]).execute();
  await db.schema.createIndex("sla_results_achieved").on("sla_results").columns(["achieved_at", "metric"]).execute();

  await db.schema.alterTable("tickets").addColumn("sla_policy_id", "integer").execute();
  // The earliest due time of the ticket's running clocks (null: none running, paused or no policy).
  await db.schema.alterTable("tickets").addColumn("sla_due_at", "bigint").execute();
  // When that clock turns amber (the last quarter of its target).
  await db.schema.alterTable("tickets").addColumn("sla_warn_at", "bigint").execute();
  await db.schema
    .alterTable("tickets")
    .addColumn("sla_paused", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The inbox's "SLA due first" order: the due time, tickets with no running clock last (a key without nulls, so
  // key pagination works), with one index per view predicate as for the other orders (migration 0012).
  await db.schema
    .alterTable("tickets")
    .addColumn("sla_due_order", "bigint", (c) => c.generatedAlwaysAs(sql`coalesce(sla_due_at, ${sql.lit(NO_DUE)})`))
    .execute();
  for (const [name, cols] of DUE_LISTS)
    await db.schema
      .createIndex(`tickets_${name}_due`)
      .on("tickets")
      .columns([...cols, "sla_due_order", "id"])
      .execute();
}

/** Later than any due time: where tickets without a running clock sort. */
const NO_DUE = 9_000_000_000_000_000;
const DUE_LISTS: [string, string[]][] = [
  ["all", []],
  ["open", ["is_open"]],
  ["assignee_open", ["assignee_id", "is_open"]],
  ["team_open", ["team_id", "is_open"]],
  ["status", ["status"]],
];

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = !db.getExecutor().adapter.supportsReturning;
  for (const [name] of DUE_LISTS)
    await (mysql ? db.schema.dropIndex(`tickets_${name}_due`).on("tickets") : db.schema.dropIndex(`tickets_${name}_due`)).execute();
  for (const col of ["sla_due_order", "sla_paused", "sla_warn_at", "sla_due_at", "sla_policy_id"])
    await db.schema.alterTable("tickets").dropColumn(col).execute();
  for (const t of ["sla_results", "sla_pauses", "sla_clocks", "sla_policies", "sla_calendars"]) await db.schema.dropTable(t).execute();
}
