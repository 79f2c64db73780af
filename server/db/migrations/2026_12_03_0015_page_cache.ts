import type { Kysely } from "kysely";

// Frozen in time. One counter per public area (the status page, the help center): every instance adds one
// when it changes something in the area and reads the counters a few times a second, so each instance's
// page cache hears of every change, wherever it was made.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("page_cache_versions")
    .addColumn("area", "varchar(16)", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("changed_at", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto("page_cache_versions")
    .values([
      { area: "status", version: 0, changed_at: 0 },
      { area: "help", version: 0, changed_at: 0 },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("page_cache_versions").execute();
}
