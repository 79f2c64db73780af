import { sql, type Kysely } from "kysely";

// Frozen in time. The plain text of each entry's Markdown body, written with every change of the entry, so
// that the search index is built at start without converting the Markdown of every entry again. Existing
// rows keep NULL here: the app fills them in at its next start (converting Markdown is app code, which a
// migration must not import).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("kb_articles")
    .addColumn("body_text", sql`mediumtext`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("kb_articles").dropColumn("body_text").execute();
}
