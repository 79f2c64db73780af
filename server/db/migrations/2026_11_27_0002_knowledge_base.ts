import { sql, type Kysely } from "kysely";

// Frozen in time: typed Kysely<any>, imports nothing from the app.
const longText = sql`mediumtext`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("kb_articles")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "varchar(8)", (c) => c.notNull())
    .addColumn("slug", "varchar(160)", (c) => c.notNull().unique())
    .addColumn("locale", "varchar(8)", (c) => c.notNull())
    .addColumn("translation_key", "varchar(160)", (c) => c.notNull())
    .addColumn("category", "varchar(64)", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("summary", "varchar(300)", (c) => c.notNull())
    .addColumn("tags", sql`text`, (c) => c.notNull())
    .addColumn("body", longText, (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("source_path", "varchar(255)")
    .addColumn("source_hash", "varchar(64)")
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_at", "bigint")
    .execute();
  await db.schema.createIndex("kb_articles_list").on("kb_articles").columns(["locale", "status", "category", "position"]).execute();
  await db.schema.createIndex("kb_articles_translation").on("kb_articles").columns(["translation_key", "locale"]).execute();
  await db.schema.createIndex("kb_articles_updated").on("kb_articles").columns(["updated_at", "id"]).execute();

  await db.schema
    .createTable("kb_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("article_id", "integer", (c) => c.notNull().references("kb_articles.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("summary", "varchar(300)", (c) => c.notNull())
    .addColumn("category", "varchar(64)", (c) => c.notNull())
    .addColumn("tags", sql`text`, (c) => c.notNull())
    .addColumn("body", longText, (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("author_id", "integer")
    .addColumn("note", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_revisions_article").on("kb_revisions").columns(["article_id", "number"]).unique().execute();

  await db.schema
    .createTable("kb_feedback")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("article_id", "integer", (c) => c.notNull().references("kb_articles.id"))
    .addColumn("helpful", "integer", (c) => c.notNull())
    .addColumn("reason", "varchar(32)")
    .addColumn("comment", sql`text`)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_feedback_article").on("kb_feedback").columns(["article_id", "id"]).execute();

  // Search analytics keep no personal data: the query text, a random per-browser key, counts and times.
  await db.schema
    .createTable("kb_search_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("query", "varchar(200)", (c) => c.notNull())
    .addColumn("locale", "varchar(8)", (c) => c.notNull())
    .addColumn("results", "integer", (c) => c.notNull())
    .addColumn("visitor", "varchar(40)")
    .addColumn("ticket_after", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_search_log_created").on("kb_search_log").columns(["created_at"]).execute();
  await db.schema.createIndex("kb_search_log_visitor").on("kb_search_log").columns(["visitor", "created_at"]).execute();

  // Articles suggested while a ticket is being written: opened, and whether a ticket followed.
  await db.schema
    .createTable("kb_deflections")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("visitor", "varchar(40)", (c) => c.notNull())
    .addColumn("article_id", "integer", (c) => c.notNull().references("kb_articles.id"))
    .addColumn("ticket_filed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("kb_deflections_visitor").on("kb_deflections").columns(["visitor", "created_at"]).execute();
  await db.schema.createIndex("kb_deflections_created").on("kb_deflections").columns(["created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["kb_deflections", "kb_search_log", "kb_feedback", "kb_revisions", "kb_articles"]) {
    await db.schema.dropTable(t).execute();
  }
}
