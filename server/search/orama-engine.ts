import { create, insertMultiple, remove as oramaRemove, insert, search as oramaSearch, type AnyOrama } from "@orama/orama";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import type { Locale } from "../db/schema";
import { markedToHtml, type SearchDoc, type SearchEngine, type SearchRequest, type SearchResult } from "./engine";
import { makeMatcher, markAll, snippet } from "./highlight";
import { prepareQuery, Vocabulary } from "./query-terms";

const SCHEMA = {
  slug: "string",
  kind: "enum",
  category: "enum",
  title: "string",
  summary: "string",
  tags: "string[]",
  text: "string",
} as const;

const LANGUAGE: Record<Locale, { language: string; stemmer: (w: string) => string }> = {
  en: { language: "english", stemmer: enStemmer },
  ru: { language: "russian", stemmer: ruStemmer },
};

function newIndex(locale: Locale): AnyOrama {
  const { language, stemmer } = LANGUAGE[locale];
  // The default tokenizer drops Cyrillic: each language gets its own tokenizer and stemmer.
  return create({ schema: SCHEMA, components: { tokenizer: { language, stemming: true, stemmer } } }) as AnyOrama;
}

/**
 * The embedded engine: one Orama index per language, in this process, rebuilt from the database at start
 * and kept current by the search-index jobs. Typos are corrected against the indexed vocabulary before the
 * engine sees the query (Orama's own edit-distance search is quadratic in the matching documents and adds
 * nothing once the words are known); stemming: English and Russian. Answers are cached until the index changes.
 */
export function createOramaEngine(): SearchEngine {
  let indexes: Record<Locale, AnyOrama> = { en: newIndex("en"), ru: newIndex("ru") };
  const docs = new Map<number, SearchDoc>();
  // Popular queries repeat: the last 500 answers, forgotten whenever the index changes.
  const answers = new Map<string, SearchResult>();
  const remember = (key: string, result: SearchResult) => {
    answers.set(key, result);
    if (answers.size > 500) answers.delete(answers.keys().next().value!);
    return result;
  };
  let vocab: Record<Locale, Vocabulary> = { en: new Vocabulary(), ru: new Vocabulary() };
  const learn = (d: SearchDoc) => vocab[d.locale].add(`${d.title} ${d.tags.join(" ")} ${d.summary} ${d.text}`);

  const toRecord = (d: SearchDoc) => ({ id: String(d.id), slug: d.slug, kind: d.kind, category: d.category, title: d.title, summary: d.summary, tags: d.tags, text: d.text });

  async function removeDoc(id: number) {
    answers.clear();
    const old = docs.get(id);
    if (!old) return;
    await oramaRemove(indexes[old.locale], String(id));
    docs.delete(id);
  }

  const engine: SearchEngine = {
    name: "orama",
    async prepare(loadDocs) {
      await engine.replaceAll(await loadDocs());
    },
    async replaceAll(all) {
      answers.clear();
      const next: Record<Locale, AnyOrama> = { en: newIndex("en"), ru: newIndex("ru") };
      for (const locale of ["en", "ru"] as const) {
        await insertMultiple(next[locale], all.filter((d) => d.locale === locale).map(toRecord), 500);
      }
      indexes = next;
      vocab = { en: new Vocabulary(), ru: new Vocabulary() };
      docs.clear();
      for (const d of all) {
        docs.set(d.id, d);
        learn(d);
      }
    },
    async upsert(doc) {
      await removeDoc(doc.id);
      await insert(indexes[doc.locale], toRecord(doc));
      answers.clear();
      docs.set(doc.id, doc);
      learn(doc);
    },
    remove: removeDoc,
    async search(req: SearchRequest): Promise<SearchResult> {
      const term = prepareQuery(req.q, req.locale, vocab[req.locale]);
      if (!term) return { hits: [], total: 0 };
      const key = JSON.stringify([req.locale, term, req.category, req.kind, req.limit, req.offset]);
      const known = answers.get(key);
      if (known) return known;
      const where: Record<string, unknown> = {};
      if (req.category) where.category = { eq: req.category };
      if (req.kind) where.kind = { eq: req.kind };
      const res = await oramaSearch(indexes[req.locale], {
        term,
        properties: ["title", "tags", "summary", "text"],
        boost: { title: 3, tags: 2.5, summary: 1.5, text: 1 },
        tolerance: 0,
        threshold: 1,
        where: Object.keys(where).length ? (where as never) : undefined,
        limit: req.limit,
        offset: req.offset,
      });
      const match = makeMatcher(term, LANGUAGE[req.locale].stemmer);
      return remember(key, {
        total: res.count,
        hits: res.hits.map((h) => {
          const d = docs.get(Number(h.id))!;
          return {
            id: d.id, slug: d.slug, kind: d.kind, locale: d.locale, category: d.category, title: d.title,
            titleHtml: markedToHtml(markAll(d.title, match)),
            snippetHtml: markedToHtml(snippet(`${d.summary} ${d.text}`, match)),
          };
        }),
      });
    },
  };
  return engine;
}
