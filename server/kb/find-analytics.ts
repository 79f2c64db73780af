import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";
import { FOLLOW_UP_MS } from "./analytics";

export interface KbAnalytics {
  articles: {
    id: number;
    slug: string;
    title: string;
    locale: string;
    helpful: number;
    notHelpful: number;
    reasons: Record<string, number>;
  }[];
  topQueries: { query: string; locale: string; count: number; avgResults: number }[];
  noResults: { query: string; locale: string; count: number }[];
  ticketAfter: { query: string; locale: string; count: number }[];
  deflection: { opened: number; deflected: number; filed: number };
  recentComments: { slug: string; title: string; reason: string | null; comment: string; createdAt: number }[];
}

/** What leads need to improve the help center, over the last `days` days. */
export async function findKbAnalytics(db: DB, now: number, days = 30): Promise<KbAnalytics> {
  const since = now - days * 86_400_000;
  const count = sql<number>`count(*)`;
  /** The 20 most frequent queries of the period, optionally only those with a column at a value. */
  const searchesBy = (column?: "results" | "ticket_after", value?: number) => {
    let q = db
      .selectFrom("kb_search_log")
      .select(["query", "locale", count.as("n"), sql<number>`avg(results)`.as("avg_results")])
      .where("created_at", ">=", since);
    if (column) q = q.where(column, "=", value!);
    return q
      .groupBy(["query", "locale"])
      .orderBy(sql`count(*)`, "desc")
      .limit(20)
      .execute();
  };

  const [fb, reasons, top, none, gaps, defl, comments] = await Promise.all([
    db
      .selectFrom("kb_feedback as f")
      .innerJoin("kb_articles as a", "a.id", "f.article_id")
      .select(["a.id", "a.slug", "a.title", "a.locale", sql<number>`sum(f.helpful)`.as("helpful"), count.as("total")])
      .where("f.created_at", ">=", since)
      .groupBy(["a.id", "a.slug", "a.title", "a.locale"])
      .execute(),
    db
      .selectFrom("kb_feedback")
      .select(["article_id", "reason", count.as("n")])
      .where("created_at", ">=", since)
      .where("helpful", "=", 0)
      .groupBy(["article_id", "reason"])
      .execute(),
    searchesBy(),
    searchesBy("results", 0),
    searchesBy("ticket_after", 1),
    db
      .selectFrom("kb_deflections")
      .select([count.as("opened"), sql<number>`sum(ticket_filed)`.as("filed")])
      .where("created_at", ">=", since)
      // Only visits old enough that a ticket would have followed by now.
      .where("created_at", "<=", now - FOLLOW_UP_MS)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("kb_feedback as f")
      .innerJoin("kb_articles as a", "a.id", "f.article_id")
      .select(["a.slug", "a.title", "f.reason", "f.comment", "f.created_at"])
      .where("f.comment", "is not", null)
      .where("f.created_at", ">=", since)
      .orderBy("f.id", "desc")
      .limit(20)
      .execute(),
  ]);

  const byArticle = new Map<number, Record<string, number>>();
  for (const r of reasons) {
    const m = byArticle.get(r.article_id) ?? {};
    m[r.reason ?? "none"] = Number(r.n);
    byArticle.set(r.article_id, m);
  }
  const opened = Number(defl.opened ?? 0);
  const filed = Number(defl.filed ?? 0);
  return {
    articles: fb
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        locale: r.locale,
        helpful: Number(r.helpful ?? 0),
        notHelpful: Number(r.total) - Number(r.helpful ?? 0),
        reasons: byArticle.get(r.id) ?? {},
      }))
      .sort((a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful),
    topQueries: top.map((r) => ({ query: r.query, locale: r.locale, count: Number(r.n), avgResults: Math.round(Number(r.avg_results)) })),
    noResults: none.map((r) => ({ query: r.query, locale: r.locale, count: Number(r.n) })),
    ticketAfter: gaps.map((r) => ({ query: r.query, locale: r.locale, count: Number(r.n) })),
    deflection: { opened, filed, deflected: opened - filed },
    recentComments: comments.map((c) => ({
      slug: c.slug,
      title: c.title,
      reason: c.reason,
      comment: c.comment ?? "",
      createdAt: c.created_at,
    })),
  };
}
