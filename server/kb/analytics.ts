import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { Locale } from "../db/schema";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";

// A search followed by a ticket within this window counts as a content gap; an opened suggestion not
// followed by a ticket within it counts as a deflection.
export const FOLLOW_UP_MS = 60 * 60 * 1000;

/** Queries are kept without personal data: emails and long numbers are replaced before storing. */
export function normalizeQuery(q: string): string {
  return q
    .toLowerCase()
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, "[email]")
    .replace(/\d{6,}/g, "[number]")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

export async function logSearch(
  db: DB,
  now: number,
  e: { query: string; locale: Locale; results: number; visitor?: string },
): Promise<void> {
  const query = normalizeQuery(e.query);
  if (query.length < 2) return;
  await db
    .insertInto("kb_search_log")
    .values({ query, locale: e.locale, results: e.results, visitor: e.visitor ?? null, ticket_after: 0, created_at: now })
    .execute();
}

/** A suggested article was opened while a ticket was being written. Only published articles count. */
export async function recordDeflectionOpen(db: DB, now: number, e: { visitor: string; articleId: number }): Promise<void> {
  const article = await db
    .selectFrom("kb_articles")
    .select("id")
    .where("id", "=", e.articleId)
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!article) throw notFound(msg("err.articleNotFound"));
  await db.insertInto("kb_deflections").values({ visitor: e.visitor, article_id: e.articleId, ticket_filed: 0, created_at: now }).execute();
}

/** Called in the ticket's own transaction: the visitor's recent searches and opened suggestions did not answer them. */
export async function markTicketFiled(trx: Tx, now: number, visitor: string | undefined): Promise<void> {
  if (!visitor) return;
  const since = now - FOLLOW_UP_MS;
  await trx.updateTable("kb_search_log").set({ ticket_after: 1 }).where("visitor", "=", visitor).where("created_at", ">=", since).execute();
  await trx
    .updateTable("kb_deflections")
    .set({ ticket_filed: 1 })
    .where("visitor", "=", visitor)
    .where("created_at", ">=", since)
    .execute();
}
