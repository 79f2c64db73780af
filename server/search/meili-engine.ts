import "server-only";
import { Meilisearch, type Index } from "meilisearch";
import type { Locale } from "../db/schema";
import { MARK_END, MARK_START, markedToHtml, type SearchDoc, type SearchEngine, type SearchRequest, type SearchResult } from "./engine";
import { isQuestion, planAnswer } from "./highlight";
import { LANGUAGE } from "./orama-index";
import { planQuery } from "./query-plan";
import { SynonymIndex, type SynonymGroup } from "./synonyms";
import { SHIPPED_SYNONYMS } from "./shipped-synonyms";

// Meilisearch stores the search document as it is.
type MeiliDoc = SearchDoc;

/** The settings the app owns; applied at start so a fresh Meilisearch needs no manual setup. */
export const MEILI_SETTINGS = {
  searchableAttributes: ["title", "tags", "summary", "text"],
  filterableAttributes: ["locale", "category", "kind"],
  sortableAttributes: ["updatedAt"],
  displayedAttributes: ["id", "slug", "kind", "locale", "category", "title", "summary", "text"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["eng", "rus"] }],
};

/**
 * Meilisearch's synonyms for groups of both languages in its one index: every term maps to the other terms of
 * every group it is in (Meilisearch matches multi-word synonyms itself).
 */
export function meiliSynonyms(groups: { terms: string[] }[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const { terms } of groups) {
    for (const t of terms) {
      const set = (out[t] ??= new Set());
      for (const other of terms) if (other !== t) set.add(other);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([t, set]) => [t, [...set]]));
}

/** The synonym groups of each language, keyed by stem, as the answer passage looks for them. */
function synonymIndexes(groups: SynonymGroup[]): Record<Locale, SynonymIndex> {
  const build = (locale: Locale) =>
    new SynonymIndex(
      locale,
      groups.filter((g) => g.locale === locale).map((g) => g.terms),
      LANGUAGE[locale].stem,
    );
  return { en: build("en"), ru: build("ru") };
}

/**
 * The answering sentences of the first hit, found as the embedded engine finds them (one slot per thing asked,
 * with its synonyms; words compared by stem, prefix or one typo): Meilisearch ranks, the passage is ours.
 */
export function meiliAnswer(doc: Pick<SearchDoc, "summary" | "text">, q: string, locale: Locale, synonyms: SynonymIndex): string | null {
  const stem = LANGUAGE[locale].stem;
  const plan = planQuery(q, { locale, known: () => true, knownExactly: () => false, tokenOf: stem, synonyms });
  return plan.slotWords.length ? planAnswer(`${doc.summary} ${doc.text}`, plan, stem) : null;
}

const quote = (v: string) => `"${v.replace(/["\\]/g, "\\$&")}"`;

/** Meilisearch through the official client: one index for both languages, filtered by locale. */
export function createMeiliEngine(opts: { host: string; apiKey?: string; indexName?: string }): SearchEngine {
  const client = new Meilisearch({ host: opts.host, apiKey: opts.apiKey });
  const index: Index<MeiliDoc> = client.index<MeiliDoc>(opts.indexName ?? "mayak_articles");
  let synonyms = synonymIndexes(SHIPPED_SYNONYMS);

  return {
    name: "meilisearch",
    async prepare() {
      await client
        .createIndex(index.uid, { primaryKey: "id" })
        .waitTask()
        .catch(() => undefined);
      await index.updateSettings(MEILI_SETTINGS as never).waitTask();
    },
    async setSynonyms(groups) {
      await index.updateSynonyms(meiliSynonyms(groups)).waitTask();
      synonyms = synonymIndexes(groups);
    },
    async replaceAll(docs) {
      await index.deleteAllDocuments().waitTask();
      if (docs.length) await index.addDocuments(docs, { primaryKey: "id" }).waitTask();
    },
    async upsert(doc) {
      await index.addDocuments([doc], { primaryKey: "id" }).waitTask();
    },
    async remove(id) {
      await index.deleteDocument(id).waitTask();
    },
    async search(req: SearchRequest): Promise<SearchResult> {
      if (!req.q.trim()) return { hits: [], total: 0 };
      const filter = [`locale = ${quote(req.locale)}`];
      if (req.category) filter.push(`category = ${quote(req.category)}`);
      if (req.kind) filter.push(`kind = ${quote(req.kind)}`);
      const res = await index.search(req.q, {
        filter,
        limit: req.limit,
        offset: req.offset,
        attributesToHighlight: ["title"],
        attributesToCrop: ["text"],
        cropLength: 28,
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
      });
      return {
        total: res.estimatedTotalHits ?? res.hits.length,
        hits: res.hits.map((h, i) => {
          const f = (h._formatted ?? h) as Partial<MeiliDoc>;
          const answer =
            i === 0 && req.offset === 0 && (req.answer ?? isQuestion(req.q))
              ? meiliAnswer({ summary: h.summary ?? "", text: h.text ?? "" }, req.q, req.locale, synonyms[req.locale])
              : null;
          return {
            id: h.id,
            slug: h.slug,
            kind: h.kind,
            locale: h.locale,
            category: h.category,
            title: h.title,
            titleHtml: markedToHtml(f.title ?? h.title),
            snippetHtml: markedToHtml(f.text ?? h.summary),
            ...(answer ? { answerHtml: markedToHtml(answer) } : {}),
          };
        }),
      };
    },
  };
}
