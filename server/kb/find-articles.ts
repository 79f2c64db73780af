import "server-only";
import type { DB } from "../db";
import type { ArticleKind, ArticleStatus, KbArticle, Locale } from "../db/schema";
import { fromJson } from "../db/json";
import { toKeyPage } from "../db/key-page";

export interface ArticleListItem {
  id: number;
  kind: ArticleKind;
  slug: string;
  locale: Locale;
  category: string;
  title: string;
  summary: string;
  status: ArticleStatus;
  updatedAt: number;
}

const LIST_COLUMNS = ["id", "kind", "slug", "locale", "category", "title", "summary", "status", "updated_at", "position"] as const;

function toItem(r: Pick<KbArticle, (typeof LIST_COLUMNS)[number]>): ArticleListItem {
  return {
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    locale: r.locale,
    category: r.category,
    title: r.title,
    summary: r.summary,
    status: r.status,
    updatedAt: r.updated_at,
  };
}

/** Published entries of one language, in category order; optionally one category or one kind. */
export async function findPublished(db: DB, q: { locale: Locale; category?: string; kind?: ArticleKind }): Promise<ArticleListItem[]> {
  let query = db
    .selectFrom("kb_articles")
    .select([...LIST_COLUMNS])
    .where("locale", "=", q.locale)
    .where("status", "=", "published")
    .orderBy("category")
    .orderBy("position")
    .orderBy("title");
  if (q.category) query = query.where("category", "=", q.category);
  if (q.kind) query = query.where("kind", "=", q.kind);
  return (await query.execute()).map(toItem);
}

export type FaqEntry = ArticleListItem & { body: string };

/** Every published FAQ entry of one language with its answer (Markdown), in category order: the FAQ page shows them all. */
export async function findPublishedFaq(db: DB, locale: Locale): Promise<FaqEntry[]> {
  const rows = await db
    .selectFrom("kb_articles")
    .select([...LIST_COLUMNS, "body"])
    .where("locale", "=", locale)
    .where("status", "=", "published")
    .where("kind", "=", "faq")
    .orderBy("category")
    .orderBy("position")
    .orderBy("title")
    .execute();
  return rows.map((r) => ({ ...toItem(r), body: r.body }));
}

export interface PublishedArticle {
  id: number;
  kind: ArticleKind;
  slug: string;
  locale: Locale;
  category: string;
  title: string;
  summary: string;
  tags: string[];
  body: string;
  updatedAt: number;
  translation: { slug: string; locale: Locale; title: string } | null;
  related: ArticleListItem[];
}

/** A published article by slug, with its translation and related articles (same category, shared tags first). */
export async function getPublishedArticle(db: DB, slug: string): Promise<PublishedArticle | null> {
  const a = await db.selectFrom("kb_articles").selectAll().where("slug", "=", slug).where("status", "=", "published").executeTakeFirst();
  if (!a) return null;
  const [translation, siblings] = await Promise.all([
    db
      .selectFrom("kb_articles")
      .select(["slug", "locale", "title"])
      .where("translation_key", "=", a.translation_key)
      .where("locale", "!=", a.locale)
      .where("status", "=", "published")
      .executeTakeFirst(),
    db
      .selectFrom("kb_articles")
      .select([...LIST_COLUMNS, "tags"])
      .where("locale", "=", a.locale)
      .where("status", "=", "published")
      .where("kind", "=", "article")
      .where("id", "!=", a.id)
      .where("category", "=", a.category)
      .execute(),
  ]);
  const tags = new Set(fromJson<string[]>(a.tags) ?? []);
  const shared = (t: string) => (fromJson<string[]>(t) ?? []).filter((x) => tags.has(x)).length;
  const related = siblings
    .map((s) => ({ s, score: shared(s.tags) }))
    .sort((x, y) => y.score - x.score || x.s.position - y.s.position)
    .slice(0, 5)
    .map(({ s }) => toItem(s));
  return {
    id: a.id,
    kind: a.kind,
    slug: a.slug,
    locale: a.locale,
    category: a.category,
    title: a.title,
    summary: a.summary,
    tags: [...tags],
    body: a.body,
    updatedAt: a.updated_at,
    translation: translation ?? null,
    related,
  };
}

/** For the editor's list: every entry, newest change first, key-paginated. */
export async function findArticlesForStaff(
  db: DB,
  q: { status?: ArticleStatus; locale?: Locale; kind?: ArticleKind; cursor?: number; limit: number },
): Promise<{ items: ArticleListItem[]; nextCursor: number | null }> {
  let query = db
    .selectFrom("kb_articles")
    .select([...LIST_COLUMNS])
    .orderBy("id", "desc")
    .limit(q.limit + 1);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.locale) query = query.where("locale", "=", q.locale);
  if (q.kind) query = query.where("kind", "=", q.kind);
  if (q.cursor) query = query.where("id", "<", q.cursor);
  const rows = await query.execute();
  return toKeyPage(rows, q.limit, toItem);
}

/** Every published slug with its translation, for the sitemap. */
export async function findSitemapEntries(db: DB) {
  return db
    .selectFrom("kb_articles")
    .select(["slug", "locale", "translation_key", "kind", "updated_at"])
    .where("status", "=", "published")
    .orderBy("id")
    .execute();
}
