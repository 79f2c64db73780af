import "server-only";
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "../db";
import type { Database } from "../db/schema";
import { markedToHtml, type SearchRequest, type SearchResult } from "./engine";
import { makeMatcher, markAll, snippet } from "./highlight";
import { LANGUAGE } from "./orama-index";
import { prepareQuery } from "./query-terms";

const FIELDS = [
  { column: "title", weight: 3 },
  { column: "tags", weight: 2.5 },
  { column: "summary", weight: 1.5 },
] as const;
const MAX_WORDS = 6;

/**
 * What the LIKE patterns of one query word are: the word and its stem (so "копий" finds "копии" and
 * "restoring" finds "restore"), each also with a capital first letter, because SQLite's LIKE ignores case
 * only for ASCII letters.
 */
function patterns(word: string, stem: (w: string) => string): string[] {
  const forms = new Set<string>();
  for (const f of [word, stem(word)]) {
    if (f.length < 2) continue;
    forms.add(f);
    forms.add(f[0]!.toUpperCase() + f.slice(1));
  }
  return [...forms].map((f) => `%${f}%`);
}

/**
 * Search straight from the database: published entries of the language whose title, tags or summary contain
 * any of the query's words (or their stems), ranked by where they matched (title before tags before summary),
 * with the same answer shape and highlighting as the engine. A stand-in while the embedded index is first
 * built at start: no typo correction, and the body text is not searched.
 */
export async function searchPublishedSql(db: DB, req: SearchRequest): Promise<SearchResult> {
  const term = prepareQuery(req.q, req.locale);
  if (!term) return { hits: [], total: 0 };
  const stem = LANGUAGE[req.locale].stem;
  // Query words contain letters and digits only (prepareQuery), so they need no LIKE escaping.
  const words = term
    .split(" ")
    .slice(0, MAX_WORDS)
    .map((w) => patterns(w, stem))
    .filter((p) => p.length > 0);
  if (words.length === 0) return { hits: [], total: 0 };

  type EB = ExpressionBuilder<Database, "kb_articles">;
  const inField = (eb: EB, column: (typeof FIELDS)[number]["column"], pats: string[]) => eb.or(pats.map((p) => eb(column, "like", p)));
  const anyWord = (eb: EB) => eb.or(words.flatMap((pats) => FIELDS.map((f) => inField(eb, f.column, pats))));
  const filtered = db
    .selectFrom("kb_articles")
    .where("status", "=", "published")
    .where("locale", "=", req.locale)
    .$if(!!req.category, (qb) => qb.where("category", "=", req.category!))
    .$if(!!req.kind, (qb) => qb.where("kind", "=", req.kind!))
    .where(anyWord);

  const rows = await filtered
    .select((eb) => {
      const parts: Expression<SqlBool>[] = words.flatMap((pats) => FIELDS.map((f) => inField(eb, f.column, pats)));
      const weights = words.flatMap(() => FIELDS.map((f) => f.weight));
      const score = sql.join(
        parts.map((p, i) => sql`(case when ${p} then ${sql.lit(weights[i]!)} else 0 end)`),
        sql` + `,
      );
      return ["id", "slug", "kind", "locale", "category", "title", "summary", "body_text", sql<number>`${score}`.as("score")];
    })
    .orderBy("score", "desc")
    .orderBy("position")
    .orderBy("id")
    .limit(req.limit)
    .offset(req.offset)
    .execute();
  const total =
    rows.length < req.limit && req.offset === 0
      ? rows.length
      : Number((await filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  const match = makeMatcher(term, stem);
  return {
    total,
    hits: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      kind: r.kind,
      locale: r.locale,
      category: r.category,
      title: r.title,
      titleHtml: markedToHtml(markAll(r.title, match)),
      snippetHtml: markedToHtml(snippet(`${r.summary} ${r.body_text ?? ""}`, match)),
    })),
  };
}
