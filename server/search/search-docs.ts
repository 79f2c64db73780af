import "server-only";
import type { DB } from "../db";
import type { KbArticle } from "../db/schema";
import { fromJson } from "../db/json";
import { markdownToText } from "../kb/markdown";
import type { SearchDoc, SearchEngine } from "./engine";
import { transact } from "../db/transact";

/** The search document of an article row: its stored plain text, or the text of its Markdown when none is stored yet. */
export function toSearchDoc(a: KbArticle): SearchDoc {
  return {
    id: a.id,
    slug: a.slug,
    kind: a.kind,
    locale: a.locale,
    category: a.category,
    title: a.title,
    summary: a.summary,
    tags: fromJson<string[]>(a.tags) ?? [],
    text: a.body_text ?? markdownToText(a.body),
    updatedAt: a.updated_at,
  };
}

const PAGE = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every published entry, for a full (re)build of the index, read a page at a time with a turn of the event
 * loop between pages (a large SELECT on SQLite would hold the only thread). Rows that have no stored plain
 * text yet (written before migration 0005, or inserted by other tools) get it now, once: the next start reads it.
 */
export async function loadSearchDocs(db: DB): Promise<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("kb_articles")
      .selectAll()
      .where("status", "=", "published")
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const missing: KbArticle[] = [];
    for (const row of rows) {
      if (row.body_text === null) missing.push(row);
      else docs.push(toSearchDoc(row));
    }
    const filled: SearchDoc[] = [];
    for (const row of missing) {
      filled.push(toSearchDoc(row));
      await nextTurn();
    }
    if (filled.length) {
      await transact(db, async (trx) => {
        for (const [i, doc] of filled.entries()) {
          // Only if the row was not changed meanwhile (a change writes its own text).
          await trx
            .updateTable("kb_articles")
            .set({ body_text: doc.text })
            .where("id", "=", doc.id)
            .where("revision", "=", missing[i]!.revision)
            .where("body_text", "is", null)
            .execute();
        }
      });
      docs.push(...filled);
    }
    await nextTurn();
  }
  return docs.sort((a, b) => a.id - b.id);
}

/** The `search.index` job: the index follows the database, whatever happened to the article. */
export function makeSearchIndexHandler(db: DB, engine: () => SearchEngine) {
  return async (payload: unknown) => {
    const id = (payload as { articleId?: unknown } | null)?.articleId;
    if (typeof id !== "number") return;
    const a = await db.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirst();
    if (a && a.status === "published") await engine().upsert(toSearchDoc(a));
    else await engine().remove(id);
  };
}
