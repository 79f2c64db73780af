import type { Kysely } from "kysely";

// Frozen in time. Rate-limit counters shared by every instance on MySQL/MariaDB, in the shape that
// rate-limiter-flexible's RateLimiterMySQL reads and writes (it inserts positionally: key, points, expire).
// The app creates no table at run time (the limiter is told the table exists). SQLite gets the same table
// so the schema is one, although the embedded single instance keeps its counters in memory.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
  // The sweep of expired counters deletes by this column.
  await db.schema.createIndex("rate_limits_expire").on("rate_limits").column("expire").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
