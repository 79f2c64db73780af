import "server-only";
import type { ArticleKind, Locale } from "../db/schema";

/** What the search index holds for one published article or FAQ entry. */
export interface SearchDoc {
  id: number;
  slug: string;
  kind: ArticleKind;
  locale: Locale;
  category: string;
  title: string;
  summary: string;
  tags: string[];
  text: string;
  updatedAt: number;
}

export interface SearchRequest {
  q: string;
  locale: Locale;
  category?: string;
  kind?: ArticleKind;
  limit: number;
  offset: number;
  /** The first hit's answering passage: for a question when absent, always when true. */
  answer?: boolean;
}

export interface SearchHit {
  id: number;
  slug: string;
  kind: ArticleKind;
  locale: Locale;
  category: string;
  title: string;
  /** Escaped HTML with <mark> around matches: safe to render as HTML. */
  titleHtml: string;
  snippetHtml: string;
  /** For a question, on the first hit only: the sentences that answer it, as escaped HTML with <mark>. */
  answerHtml?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** One interface, two engines: Orama in process (the default) and Meilisearch. */
export interface SearchEngine {
  readonly name: "orama" | "meilisearch";
  /**
   * At start: Orama builds its index from the database; Meilisearch applies its settings and keeps its documents.
   * Resolves when that is done; searches are answered meanwhile (Orama: by its fallback), so nothing needs to wait for it.
   */
  prepare(loadDocs: () => Promise<SearchDoc[]>): Promise<void>;
  replaceAll(docs: SearchDoc[]): Promise<void>;
  upsert(doc: SearchDoc): Promise<void>;
  remove(id: number): Promise<void>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** Replaces the synonym groups of both languages (the shipped ones with the staff's changes: server/kb/synonyms.ts). */
  setSynonyms?(groups: { locale: Locale; terms: string[] }[]): Promise<void>;
  /** False while the engine answers from a stand-in (Orama's first build at start); absent means always ready. */
  isReady?(): boolean;
}

// Engines mark matches with these control characters; markedToHtml escapes the text and turns them into <mark>.
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

export function markedToHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(new RegExp(MARK_START, "g"), "<mark>")
    .replace(new RegExp(MARK_END, "g"), "</mark>");
}
