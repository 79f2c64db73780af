import "server-only";
import { remove as oramaRemove, search as oramaSearch, type Results } from "@orama/orama";
import type { Locale } from "../db/schema";
import { markedToHtml, type SearchDoc, type SearchEngine, type SearchRequest, type SearchResult } from "./engine";
import { isQuestion, makeMatcher, markAll, planAnswer, snippet } from "./highlight";
import { createLanguageIndex, knowsToken, LANGUAGE, type LanguageIndex } from "./orama-index";
import { prepareQuery } from "./query-terms";
import { encodePlan, forgetKeptScores, forgetLastPlan } from "./plan-scorer";
import { planQuery, type QueryPlan } from "./query-plan";
import { SynonymIndex, type SynonymGroup } from "./synonyms";
import { SHIPPED_SYNONYMS } from "./shipped-synonyms";

/** The fields of an Orama document; the text fields searched, and how much a match in each counts. */
export const SCHEMA = {
  slug: "string",
  kind: "enum",
  category: "enum",
  title: "string",
  summary: "string",
  tags: "string",
  text: "string",
} as const;
export const PROPERTIES = ["title", "tags", "summary", "text"];
export const BOOST = { title: 3, tags: 2.5, summary: 1.5, text: 1 };
/**
 * The weights of the query-plan scorer (orama-scorer.ts), tuned on the relevance suite: a title (an FAQ entry's
 * title is its question) says far more about what an entry answers than a word somewhere in its body.
 */
export const PLAN_BOOST = { title: 6, tags: 4, summary: 2, text: 0.5 };
/** Requiring every word is kept when it still fills a page of results; otherwise any word counts. */
const ENOUGH_WITH_ALL_WORDS = 10;

export interface OramaEngineOptions {
  /**
   * Answers searches while the first index is being built (`prepare`), for example from the database.
   * Without one, a search made meanwhile waits for the index.
   */
  fallback?: (req: SearchRequest) => Promise<SearchResult>;
  /** Longest stretch of index building, in milliseconds, before the event loop gets a turn (default 8). */
  sliceMs?: number;
  /** Told when the fallback fails (the search then answers no hits rather than throwing). */
  onError?: (err: unknown) => void;
  /** The synonyms until `setSynonyms` says otherwise: the shipped ones by default. */
  synonyms?: SynonymGroup[];
}

/** One complete index: what searches read, swapped as a whole when a rebuild finishes. */
interface Generation {
  indexes: Record<Locale, LanguageIndex>;
  docs: Map<number, SearchDoc>;
}

const emptyGeneration = (): Generation => ({
  indexes: { en: createLanguageIndex("en", SCHEMA), ru: createLanguageIndex("ru", SCHEMA) },
  docs: new Map(),
});

// Tags go in as one string: the scorer keeps one length per document and field (see createLanguageIndex).
export const toRecord = (d: SearchDoc) => ({
  id: String(d.id),
  slug: d.slug,
  kind: d.kind,
  category: d.category,
  title: d.title,
  summary: d.summary,
  tags: d.tags.join(", "),
  text: d.text,
});

function addDoc(g: Generation, d: SearchDoc): void {
  g.indexes[d.locale].insert(toRecord(d));
  g.docs.set(d.id, d);
}

function removeDoc(g: Generation, id: number): void {
  const old = g.docs.get(id);
  if (!old) return;
  // Orama's types allow a promise; with our synchronous components it never is one.
  void oramaRemove(g.indexes[old.locale].orama, String(id));
  g.docs.delete(id);
}

/** The query as Orama gets it: stop words dropped, typos corrected against the words this index holds. */
export function queryTerm(index: LanguageIndex, locale: Locale, q: string): string {
  const { orama, vocab } = index;
  const known = (w: string) => {
    const tokens = orama.tokenizer.tokenize(w, LANGUAGE[locale].language) as string[];
    return tokens.length > 0 && tokens.every((t) => knowsToken(orama, t));
  };
  return prepareQuery(q, locale, vocab, known);
}

/** The index's own normalisation of one word: its token, or "" for a word it drops. */
function tokenOf(index: LanguageIndex, locale: Locale, w: string): string {
  return (index.orama.tokenizer.tokenize(w, LANGUAGE[locale].language) as string[])[0] ?? "";
}

/** The query as the scorer gets it: slots of alternatives (query-plan.ts), typos corrected, synonyms added. */
export function planFor(index: LanguageIndex, locale: Locale, q: string, synonyms?: SynonymIndex): QueryPlan {
  const { orama, vocab } = index;
  const known = (w: string) => {
    const tokens = orama.tokenizer.tokenize(w, LANGUAGE[locale].language) as string[];
    return tokens.length > 0 && tokens.every((t) => knowsToken(orama, t));
  };
  const knownExactly = (w: string) => {
    const tokens = orama.tokenizer.tokenize(w, LANGUAGE[locale].language) as string[];
    return tokens.length > 0 && tokens.every((t) => knowsToken(orama, t, true));
  };
  return planQuery(q, { locale, vocab, known, knownExactly, tokenOf: (w) => tokenOf(index, locale, w), synonyms });
}

/** Synonym groups per language, keyed by the index's normalisation of their words. */
function synonymIndexes(groups: SynonymGroup[]): Record<Locale, SynonymIndex> {
  const probe = emptyGeneration().indexes;
  const build = (locale: Locale) =>
    new SynonymIndex(
      locale,
      groups.filter((g) => g.locale === locale).map((g) => g.terms),
      (w) => tokenOf(probe[locale], locale, w) || w,
    );
  return { en: build("en"), ru: build("ru") };
}

/** Lets the event loop run between pieces of a long synchronous job. */
function timeSlicer(sliceMs: number): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * The embedded engine: one Orama index per language, in this process, built from the database at start and
 * kept current by the search-index jobs. The first build runs in slices between requests; until it is done,
 * searches are answered by the fallback. Typos are replaced by their correction against the indexed
 * vocabulary before Orama sees the query; stemming: English and Russian. A query first requires all of its
 * words and falls back to any of them when that finds less than a page. Answers are cached until the index changes.
 */
export function createOramaEngine(opts: OramaEngineOptions = {}): SearchEngine {
  // Null while the first build of `prepare` runs; an empty index for an engine that is fed by upserts only.
  let live: Generation | null = emptyGeneration();
  // Changes that arrive while a build runs: applied to the new index when it is swapped in.
  let pending: Map<number, SearchDoc | null> | null = null;
  let builds: Promise<unknown> = Promise.resolve();
  let firstBuild: Promise<void> | null = null;
  // Popular queries repeat: the last 500 answers, forgotten whenever the index changes.
  const answers = new Map<string, SearchResult>();
  let synonyms = synonymIndexes(opts.synonyms ?? SHIPPED_SYNONYMS);
  const remember = (key: string, result: SearchResult) => {
    answers.set(key, result);
    if (answers.size > 500) answers.delete(answers.keys().next().value!);
    return result;
  };

  // Builds run one after the other; the changes recorded while any is queued or running are replayed on each result.
  let queued = 0;
  function enqueue(load: () => Promise<SearchDoc[]>): Promise<void> {
    queued++;
    pending ??= new Map();
    const run = builds.then(async () => {
      try {
        await build(await load());
      } finally {
        if (--queued === 0) pending = null;
      }
    });
    builds = run.catch(() => undefined);
    return run;
  }

  async function build(all: SearchDoc[]): Promise<void> {
    const tick = timeSlicer(opts.sliceMs ?? 8);
    const next = emptyGeneration();
    for (const d of all) {
      addDoc(next, d);
      await tick();
    }
    for (const [id, doc] of pending ?? []) {
      removeDoc(next, id);
      if (doc) addDoc(next, doc);
    }
    live = next;
    answers.clear();
  }

  function change(id: number, doc: SearchDoc | null): void {
    answers.clear();
    forgetKeptScores();
    if (pending) pending.set(id, doc);
    if (live) {
      removeDoc(live, id);
      if (doc) addDoc(live, doc);
    }
  }

  function searchIndex(g: Generation, req: SearchRequest): SearchResult {
    const { orama } = g.indexes[req.locale];
    const key = JSON.stringify([req.locale, req.q.trim().toLowerCase(), req.category, req.kind, req.limit, req.offset, req.answer]);
    const cached = answers.get(key);
    if (cached) return cached;
    const plan = planFor(g.indexes[req.locale], req.locale, req.q, synonyms[req.locale]);
    if (plan.slots.length === 0) return { hits: [], total: 0 };
    const term = encodePlan(plan.slots);
    const where: Record<string, unknown> = {};
    if (req.category) where.category = { eq: req.category };
    if (req.kind) where.kind = { eq: req.kind };
    const params = {
      term,
      properties: PROPERTIES,
      boost: PLAN_BOOST,
      where: Object.keys(where).length ? (where as never) : undefined,
      limit: req.limit,
      offset: req.offset,
    };
    let res: Results<SearchDoc>;
    try {
      res = oramaSearch(orama, { ...params, threshold: 0 }) as Results<SearchDoc>;
      if (res.count < ENOUGH_WITH_ALL_WORDS && plan.slots.length > 1)
        res = oramaSearch(orama, { ...params, threshold: 1 }) as Results<SearchDoc>;
    } finally {
      forgetLastPlan();
    }
    const match = makeMatcher(plan.words.join(" "), LANGUAGE[req.locale].stem);
    return remember(key, {
      total: res.count,
      hits: res.hits.map((h, i) => {
        const d = g.docs.get(Number(h.id))!;
        const answer =
          i === 0 && req.offset === 0 && (req.answer ?? isQuestion(req.q))
            ? planAnswer(`${d.summary} ${d.text}`, plan, LANGUAGE[req.locale].stem)
            : null;
        return {
          id: d.id,
          slug: d.slug,
          kind: d.kind,
          locale: d.locale,
          category: d.category,
          title: d.title,
          titleHtml: markedToHtml(markAll(d.title, match)),
          snippetHtml: markedToHtml(snippet(`${d.summary} ${d.text}`, match)),
          ...(answer ? { answerHtml: markedToHtml(answer) } : {}),
        };
      }),
    });
  }

  const engine: SearchEngine = {
    name: "orama",
    async prepare(loadDocs) {
      // Searches go to the fallback until the first index is complete (or, without one, wait for it).
      live = null;
      const run = enqueue(loadDocs);
      firstBuild = run.catch(() => undefined);
      await run;
    },
    async replaceAll(all) {
      await enqueue(async () => all);
    },
    async upsert(doc) {
      change(doc.id, doc);
    },
    async remove(id) {
      change(id, null);
    },
    isReady: () => live !== null,
    async setSynonyms(groups) {
      synonyms = synonymIndexes(groups);
      answers.clear();
    },
    async search(req: SearchRequest): Promise<SearchResult> {
      if (live) return searchIndex(live, req);
      if (!opts.fallback) {
        await firstBuild;
        return live ? searchIndex(live, req) : { hits: [], total: 0 };
      }
      try {
        return await opts.fallback(req);
      } catch (err) {
        opts.onError?.(err);
        return { hits: [], total: 0 };
      }
    },
  };
  return engine;
}
