import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";
import type { Locale } from "../db/schema";
import type { SearchEngine } from "../search/engine";
import { LANGUAGE } from "../search/orama-index";
import { STOP, editDistance } from "../search/query-terms";
import { termWords } from "../search/synonyms";
import { fromJson } from "../db/json";
import { articleUrl } from "./search-articles";
import { otherLocaleFor } from "@/lib/kb/other-locale";

export type GapSuggestion =
  | { kind: "synonym"; word: string; to: string; article: { title: string; url: string } }
  | { kind: "article"; title: string; url: string }
  | { kind: "write" }
  /** Written in the other language's script: the reader did not find (or look for) the language switch. */
  | { kind: "language"; other: Locale };

export interface ContentGap {
  locale: Locale;
  /** How many searches the group stands for. */
  count: number;
  queries: { query: string; count: number }[];
  suggestion: GapSuggestion;
}

/** The failed queries read at most: the most frequent of the period. */
const READ = 300;
const GROUPS = 20;

/** What a query asks about, as stems: "restoring backups" and "backup restore" are one thing. */
function stemsOf(query: string, locale: Locale): string[] {
  const words = termWords(query, locale).filter((w) => !STOP[locale].has(w));
  return [...new Set(words.map((w) => LANGUAGE[locale].stem(w)))].sort();
}

/** Two stem sets are one gap when they are equal, or one word long and a typo apart. */
function similar(a: string[], b: string[]): boolean {
  if (a.join(" ") === b.join(" ")) return true;
  return a.length === 1 && b.length === 1 && a[0]!.length >= 4 && editDistance(a[0]!, b[0]!, 1) <= 1;
}

/**
 * The searches of the last `days` days that found nothing, similar ones grouped ("backups restore", "restoring
 * backup", "bakups"), each with what would have answered it, asked of the search engine as it is now: a word
 * the help center does not use, next to an entry its other words find, is a synonym to add (of that entry's
 * first tag); an entry found now is the one to check (or link from); nothing found is an article to write.
 */
export async function findContentGaps(db: DB, engine: SearchEngine, now: number, days = 30): Promise<ContentGap[]> {
  const rows = await db
    .selectFrom("kb_search_log")
    .select(["query", "locale", sql<number>`count(*)`.as("n")])
    .where("created_at", ">=", now - days * 86_400_000)
    .where("results", "=", 0)
    .groupBy(["query", "locale"])
    .orderBy(sql`count(*)`, "desc")
    .limit(READ)
    .execute();
  const groups: { locale: Locale; stems: string[]; queries: { query: string; count: number }[] }[] = [];
  for (const r of rows) {
    const stems = stemsOf(r.query, r.locale);
    const group = groups.find((g) => g.locale === r.locale && similar(g.stems, stems));
    if (group) group.queries.push({ query: r.query, count: Number(r.n) });
    else groups.push({ locale: r.locale, stems, queries: [{ query: r.query, count: Number(r.n) }] });
  }
  const top = groups
    .map((g) => ({ ...g, count: g.queries.reduce((a, q) => a + q.count, 0) }))
    .sort((a, b) => b.count - a.count)
    .slice(0, GROUPS);
  const out: ContentGap[] = [];
  for (const g of top)
    out.push({
      locale: g.locale,
      count: g.count,
      queries: g.queries,
      suggestion: await suggest(db, engine, g.locale, g.queries[0]!.query),
    });
  return out;
}

async function suggest(db: DB, engine: SearchEngine, locale: Locale, query: string): Promise<GapSuggestion> {
  const other = otherLocaleFor(query, locale, 0);
  if (other) return { kind: "language", other };
  const find = (q: string) => engine.search({ q, locale, limit: 1, offset: 0 });
  const words = termWords(query, locale).filter((w) => !STOP[locale].has(w));
  const unknown: string[] = [];
  for (const w of words) if ((await find(w)).total === 0) unknown.push(w);
  const rest = words.filter((w) => !unknown.includes(w));
  const found = (await find(rest.length ? rest.join(" ") : query)).hits[0];
  if (!found) return { kind: "write" };
  const article = { title: found.title, url: articleUrl(found) };
  const tag = await firstTag(db, found.id, locale, found.title);
  if (unknown.length > 0 && tag) return { kind: "synonym", word: unknown.join(" "), to: tag, article };
  return { kind: "article", ...article };
}

/** The entry's first tag (its curated keyword), or the first word of its title that says something. */
async function firstTag(db: DB, id: number, locale: Locale, title: string): Promise<string | null> {
  const row = await db.selectFrom("kb_articles").select("tags").where("id", "=", id).executeTakeFirst();
  const tags = row ? (fromJson<string[]>(row.tags) ?? []) : [];
  return tags[0] ?? termWords(title, locale).find((w) => !STOP[locale].has(w) && w.length > 2) ?? null;
}
