import "server-only";
import { sql } from "kysely";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import type { DB } from "./connect";

/**
 * Staff ticket search on the database's own full-text index: FTS5 tables kept by triggers on SQLite, FULLTEXT
 * indexes on MariaDB/MySQL (migration 0012). Every word must match; each is searched as the prefix of its stem,
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

/** The newest tickets (by id, descending) whose subject or description matches, at most `limit`. */
export async function matchTicketIds(db: DB, words: string[], limit: number, beforeId?: number): Promise<number[]> {
  if (words.length === 0) return [];
  const prefixes = words.map(searchPrefix);
  const before = beforeId ? sql`and id < ${beforeId}` : sql``;
  if (speaksMysql(db)) {
    const r = await sql<{
      id: number;
    }>`select id from tickets where match(subject, description) against (${booleanQuery(prefixes)} in boolean mode) ${before} order by id desc limit ${limit}`.execute(
      db,
    );
    return r.rows.map((x) => Number(x.id));
  }
  const beforeRow = beforeId ? sql`and rowid < ${beforeId}` : sql``;
  const r = await sql<{
    id: number;
  }>`select rowid as id from tickets_fts where tickets_fts match ${fts5Query(prefixes)} ${beforeRow} order by rowid desc limit ${limit}`.execute(
    db,
  );
  return r.rows.map((x) => Number(x.id));
}

/** The newest messages (replies and notes) that match: their ids and tickets, at most `limit`. */
export async function matchMessages(
  db: DB,
  words: string[],
  limit: number,
  beforeTicketId?: number,
): Promise<{ id: number; ticketId: number }[]> {
  if (words.length === 0) return [];
  const prefixes = words.map(searchPrefix);
  const before = beforeTicketId ? sql`and m.ticket_id < ${beforeTicketId}` : sql``;
  const rows = speaksMysql(db)
    ? await sql<{
        id: number;
        ticket_id: number;
      }>`select m.id, m.ticket_id from ticket_messages m where match(m.body) against (${booleanQuery(prefixes)} in boolean mode) ${before} order by m.id desc limit ${limit}`.execute(
        db,
      )
    : await sql<{
        id: number;
        ticket_id: number;
      }>`select m.id, m.ticket_id from ticket_messages_fts f join ticket_messages m on m.id = f.rowid where ticket_messages_fts match ${fts5Query(prefixes)} ${before} order by f.rowid desc limit ${limit}`.execute(
        db,
      );
  return rows.rows.map((r) => ({ id: Number(r.id), ticketId: Number(r.ticket_id) }));
}

function fts5Query(prefixes: string[]): string {
  return prefixes.map((p) => `"${p.replace(/"/g, "")}"*`).join(" AND ");
}

function booleanQuery(prefixes: string[]): string {
  return prefixes.map((p) => `+${p.replace(/[^\p{L}\p{N}]/gu, "")}*`).join(" ");
}
