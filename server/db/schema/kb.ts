import "server-only";
import type { Generated } from "kysely";
import type { Locale } from "./users";

/** Help center: articles, revisions, feedback and search analytics. */

export type ArticleKind = "article" | "faq";

export type ArticleStatus = "draft" | "published" | "archived";

export interface KbArticlesTable {
  id: Generated<number>;
  kind: ArticleKind;
  slug: string;
  locale: Locale;
  translation_key: string;
  category: string;
  title: string;
  summary: string;
  tags: string;
  body: string;
  /** Plain text of `body` for search; NULL until the app first writes or backfills it (rows from before migration 0005). */
  body_text: string | null;
  status: ArticleStatus;
  position: number;
  source_path: string | null;
  source_hash: string | null;
  revision: number;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

export interface KbRevisionsTable {
  id: Generated<number>;
  article_id: number;
  number: number;
  title: string;
  summary: string;
  category: string;
  tags: string;
  body: string;
  status: ArticleStatus;
  author_id: number | null;
  note: string;
  created_at: number;
}

export interface KbFeedbackTable {
  id: Generated<number>;
  article_id: number;
  helpful: number;
  reason: string | null;
  comment: string | null;
  created_at: number;
}

export interface KbSearchLogTable {
  id: Generated<number>;
  query: string;
  locale: Locale;
  results: number;
  visitor: string | null;
  ticket_after: number;
  created_at: number;
}

export interface KbDeflectionsTable {
  id: Generated<number>;
  visitor: string;
  article_id: number;
  ticket_filed: number;
  created_at: number;
}

/** A staff version of a shipped synonym group (`shipped_key`), or a group of their own; `terms` is a JSON list. */
export interface KbSynonymsTable {
  id: Generated<number>;
  locale: Locale;
  shipped_key: string | null;
  terms: string;
  enabled: number;
  updated_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface KbTables {
  kb_articles: KbArticlesTable;
  kb_revisions: KbRevisionsTable;
  kb_feedback: KbFeedbackTable;
  kb_search_log: KbSearchLogTable;
  kb_deflections: KbDeflectionsTable;
  kb_synonyms: KbSynonymsTable;
}
