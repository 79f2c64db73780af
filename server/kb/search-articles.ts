import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import type { SearchEngine, SearchHit } from "../search/engine";
import { ZSearchQuery, type TSearchQuery } from "./schemas";
import { logSearch } from "./analytics";

export interface SearchResponse {
  query: string;
  locale: "en" | "ru";
  total: number;
  hits: (SearchHit & { url: string })[];
}

export function articleUrl(hit: { slug: string; kind: string; locale: string }): string {
  const prefix = hit.locale === "ru" ? "/ru" : "";
  return hit.kind === "faq" ? `${prefix}/faq#${hit.slug}` : `${prefix}/help/articles/${hit.slug}`;
}

/** Searches published entries of one language; the query is logged (without personal data) unless told not to. */
export async function searchArticles(
  db: DB,
  engine: SearchEngine,
  ctx: RequestCtx,
  raw: TSearchQuery,
  opts: { log: boolean },
): Promise<SearchResponse> {
  const input = ZSearchQuery.parse(raw);
  const result = await engine.search({
    q: input.q,
    locale: input.locale,
    category: input.category,
    kind: input.kind,
    limit: input.limit,
    offset: input.offset,
    answer: input.answer === "1" ? true : undefined,
  });
  if (opts.log && input.q && input.offset === 0) {
    await logSearch(db, ctx.now(), { query: input.q, locale: input.locale, results: result.total, visitor: ctx.visitor });
  }
  return { query: input.q, locale: input.locale, total: result.total, hits: result.hits.map((h) => ({ ...h, url: articleUrl(h) })) };
}
