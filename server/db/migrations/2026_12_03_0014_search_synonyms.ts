import type { Kysely } from "kysely";

// Frozen in time. Help-center search synonyms edited by staff. The synonyms Mayak ships live in the code; a row
// with `shipped_key` is the team's version of that shipped group (`enabled` 0: turned off), a row without one is
// a group the team added. `terms` is a JSON list of words and phrases.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kb_synonyms")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("locale", "varchar(2)", (c) => c.notNull())
    .addColumn("shipped_key", "varchar(64)", (c) => c.unique())
    .addColumn("terms", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("kb_synonyms").execute();
}
