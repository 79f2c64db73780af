import "server-only";
import { sql } from "kysely";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import type { DB } from "./connect";

/**
 * Staff ticket search on the database's own full-text index over one document per ticket (migration 0019): an
 * FTS5 table kept by triggers on SQLite, a FULLTEXT index on MariaDB/MySQL. Every word must match; each is searched as the prefix of its stem,
 * so "payments" finds "payment" and "оплаты" finds "оплата" and "оплатой" on both engines, which have no
 * Russian stemming of their own.
 */

/**
 * MySQL/MariaDB or SQLite, by what the adapter can do rather than by its class: in the built app the database
 * is opened once per process (server/db/index.ts keeps it on globalThis) by whichever bundle asks first, so
 * another bundle's copy of Kysely's classes fails `instanceof` (dialectOf answers "sqlite" there).
 * MySQL/MariaDB is the only engine here without RETURNING.
 */
function speaksMysql(db: DB): boolean {
  return !db.getExecutor().adapter.supportsReturning;
}

/** The words of a query, lower-case, letters and digits only, at most 8. */
export function searchWords(query: string): string[] {
  return [...new Set((query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2))].slice(0, 8);
}

/**
 * The prefix each word is searched by: what it shares with its stem in its script ("greyed" and its stem "grei"
 * share "grey"), never shorter than 3 letters.
 */
export function searchPrefix(word: string): string {
  const stem = /[\u0400-\u04ff]/.test(word) ? ruStemmer(word) : enStemmer(word);
  let n = 0;
  while (n < stem.length && n < word.length && stem[n] === word[n]) n++;
  return n >= 3 ? word.slice(0, n) : word;
}

/**
 * The tickets whose search document (subject, description and every message: migration 0019) holds every
 * word, most relevant first (MariaDB's FULLTEXT relevance, FTS5's bm25; then the newest), at most `limit`:
 * one full-text row per ticket, so a word found in a million messages costs a ranking, not a million row reads.
 */
export async function matchTickets(db: DB, words: string[], limit: number): Promise<number[]> {
  if (words.length === 0) return [];
  const prefixes = words.map(searchPrefix);
  if (speaksMysql(db)) {
    const q = booleanQuery(prefixes);
    const r = await sql<{
      id: number;
    }>`select ticket_id as id from ticket_search where match(body) against (${q} in boolean mode)
      order by match(body) against (${q} in boolean mode) desc, ticket_id desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }
  const r = await sql<{
    id: number;
  }>`select rowid as id from ticket_search_fts where ticket_search_fts match ${fts5Query(prefixes)} order by rank, rowid desc limit ${limit}`.execute(
    db,
  );
  return r.rows.map((x) => Number(x.id));
}

function fts5Query(prefixes: string[]): string {
  return prefixes.map((p) => `"${p.replace(/"/g, "")}"*`).join(" AND ");
}

function booleanQuery(prefixes: string[]): string {
  return prefixes.map((p) => `+${p.replace(/[^\p{L}\p{N}]/gu, "")}*`).join(" ");
}
