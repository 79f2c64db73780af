import type { DB } from "../db";
import type { KbArticle } from "../db/schema";
import { fromJson } from "../db/json";
import { markdownToText } from "../kb/markdown";
import type { SearchDoc, SearchEngine } from "./engine";

export function toSearchDoc(a: KbArticle): SearchDoc {
  return {
    id: a.id, slug: a.slug, kind: a.kind, locale: a.locale, category: a.category, title: a.title, summary: a.summary,
    tags: fromJson<string[]>(a.tags) ?? [], text: markdownToText(a.body), updatedAt: a.updated_at,
  };
}

/** Every published entry, for a full (re)build of the index. */
export async function loadSearchDocs(db: DB): Promise<SearchDoc[]> {
  const rows = await db.selectFrom("kb_articles").selectAll().where("status", "=", "published").orderBy("id").execute();
  return rows.map(toSearchDoc);
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
