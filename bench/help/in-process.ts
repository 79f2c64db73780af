// The baseline: the app's search engine in this process, over the same rows of the same database, for the
// same queries at the same concurrency; and one query at a time, split into its parts.
import { openSqlite } from "../db";
import { QUERIES } from "../help-corpus";
import { cpuShare } from "../proc";
import { compare, log } from "../report";
import { r2, runWorkers, summarize, type Summary } from "../stats";
import { createOramaEngine } from "../../server/search/orama-engine";
import { toSearchDoc } from "../../server/search/search-docs";
import { prepareQuery, Vocabulary } from "../../server/search/query-terms";
import { makeMatcher, markAll, snippet } from "../../server/search/highlight";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import type { KbArticle } from "../../server/db/schema";
import type { SearchDoc } from "../../server/search/engine";
import type { HelpOptions } from "./options";
import type { SearchRuns } from "./search";

export type InProcess = Awaited<ReturnType<typeof runInProcess>>;

export async function runInProcess(
  dbFile: string,
  o: HelpOptions,
  http: SearchRuns,
  uncachedQueries: { q: string; locale: "en" | "ru" }[],
) {
  // ---- The index, built as the app builds it at start, each step timed.
  const rowsDb = openSqlite(dbFile);
  if (rowsDb.dialect !== "sqlite") throw new Error("unreachable");
  let t0 = performance.now();
  const rows = rowsDb.sqlite.prepare("select * from kb_articles where status = 'published' order by id").all() as KbArticle[];
  const selectMs = Math.round(performance.now() - t0);
  rowsDb.sqlite.close();
  t0 = performance.now();
  const docs: SearchDoc[] = rows.map(toSearchDoc);
  const toDocsMs = Math.round(performance.now() - t0);
  const engine = createOramaEngine();
  t0 = performance.now();
  await engine.replaceAll(docs);
  const replaceAllMs = Math.round(performance.now() - t0);
  // The typo-correction vocabulary alone, as the engine builds it (inside replaceAll): to split its cost out.
  t0 = performance.now();
  const vocab = { en: new Vocabulary(), ru: new Vocabulary() };
  for (const d of docs) vocab[d.locale].add(`${d.title} ${d.tags.join(" ")} ${d.summary} ${d.text}`);
  const vocabMs = Math.round(performance.now() - t0);
  const index = { selectMs, toSearchDocMs: toDocsMs, replaceAllMs, ofWhichVocabularyMs: vocabMs, docs: docs.length };
  log(
    `in process: SELECT ${selectMs} ms, toSearchDoc (Markdown to text) ${toDocsMs} ms, replaceAll ${replaceAllMs} ms (vocabulary alone ${vocabMs} ms)`,
  );

  const req = (i: number) => ({ q: QUERIES[i % QUERIES.length]!.q, locale: QUERIES[i % QUERIES.length]!.locale, limit: 10, offset: 0 });
  const mismatches: string[] = [];
  // The first search of each query computes its answer; later ones come from the engine's cache.
  const firstMs: number[] = [];
  for (let i = 0; i < QUERIES.length; i++) {
    const tf = performance.now();
    const r = await engine.search(req(i));
    firstMs.push(performance.now() - tf);
    const key = `${QUERIES[i]!.locale}:${QUERIES[i]!.q}`;
    if (r.total !== http.appTotals[key]) mismatches.push(`${key}: app ${http.appTotals[key]}, in process ${r.total}`);
  }
  if (mismatches.length) log(`different totals: ${mismatches.join("; ")}`);

  // ---- One query at a time: what each query costs, and how much of it is the typo correction (prepareQuery)
  // and the highlighting of the ten hits (title and snippet, as engine.search does after Orama's search).
  const docById = new Map(docs.map((d) => [d.id, d]));
  const stemmers = { en: enStemmer, ru: ruStemmer };
  const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1]!;
  const perQuery = [];
  for (let i = 0; i < QUERIES.length; i++) {
    const { q, locale } = QUERIES[i]!;
    const times: number[] = [];
    const prep: number[] = [];
    const marks: number[] = [];
    for (let k = 0; k < 3; k++) {
      let t = performance.now();
      const res = await engine.search(req(i));
      times.push(performance.now() - t);
      t = performance.now();
      const term = prepareQuery(q, locale, vocab[locale]);
      prep.push(performance.now() - t);
      t = performance.now();
      const match = makeMatcher(term, stemmers[locale]);
      for (const h of res.hits) {
        const d = docById.get(h.id)!;
        markAll(d.title, match);
        snippet(`${d.summary} ${d.text}`, match);
      }
      marks.push(performance.now() - t);
    }
    perQuery.push({
      locale,
      q,
      total: http.appTotals[`${locale}:${q}`],
      uncachedSearchMs: r2(firstMs[i]!),
      cachedSearchMs: r2(med(times)),
      prepareQueryMs: r2(med(prep)),
      highlightMs: r2(med(marks)),
    });
  }
  const single = summarize(
    perQuery.map((p) => p.uncachedSearchMs),
    1,
    0,
  );
  const meanSearch = perQuery.reduce((a, p) => a + p.uncachedSearchMs, 0) / perQuery.length;
  const meanCached = perQuery.reduce((a, p) => a + p.cachedSearchMs, 0) / perQuery.length;
  const meanPrep = perQuery.reduce((a, p) => a + p.prepareQueryMs, 0) / perQuery.length;
  const meanMark = perQuery.reduce((a, p) => a + p.highlightMs, 0) / perQuery.length;
  // Uncached: the first search of each query on a fresh engine; cached: the median of the next three.
  const oneAtATime = {
    meanMs: r2(meanSearch),
    medianMs: single.p50,
    maxMs: single.max,
    cachedMeanMs: r2(meanCached),
    prepareQueryMeanMs: r2(meanPrep),
    highlightMeanMs: r2(meanMark),
    oramaAndRestMeanMs: r2(meanSearch - meanPrep - meanMark),
  };
  log(`one query at a time: ${JSON.stringify(oneAtATime)}`);

  // ---- As many operations as the app answered (fewer if they would take more than ~15 s), same concurrency.
  const total = Math.min(http.search.ops, Math.max(200, Math.floor(15_000 / Math.max(meanSearch, 0.01))));
  log(`baseline: ${total} searches at ${o.searchConnections} workers`);
  const baseShare = cpuShare(undefined);
  const baseline: Summary = await runWorkers(total, o.searchConnections, (i) => engine.search(req(i)));
  const baselineCpu = baseShare();
  log(
    `baseline: ${baseline.perSecond} ops/s, p50 ${baseline.p50} / p95 ${baseline.p95} / p99 ${baseline.p99} ms; CPU ${JSON.stringify(baselineCpu)}`,
  );

  // ---- The uncached baseline: distinct queries the app was not sent (from the end of the list), same workers.
  const unsent = (i: number) => uncachedQueries[uncachedQueries.length - 1 - i]!;
  const ureq = (i: number) => ({ q: unsent(i).q, locale: unsent(i).locale, limit: 10, offset: 0 });
  const utotal = Math.min(
    http.uncached.ops,
    Math.max(200, Math.floor(10_000 / Math.max(meanSearch, 0.01))),
    uncachedQueries.length - http.uncachedSent,
  );
  log(`baseline, uncached: ${utotal} distinct searches at ${o.searchConnections} workers`);
  const ubaseShare = cpuShare(undefined);
  const uncachedBaseline: Summary = await runWorkers(utotal, o.searchConnections, (i) => engine.search(ureq(i)));
  const uncachedBaselineCpu = ubaseShare();
  log(
    `baseline, uncached: ${uncachedBaseline.perSecond} ops/s, p50 ${uncachedBaseline.p50} / p95 ${uncachedBaseline.p95} / p99 ${uncachedBaseline.p99} ms; CPU ${JSON.stringify(uncachedBaselineCpu)}`,
  );

  return {
    index,
    mismatches,
    perQuery,
    oneAtATime,
    baseline,
    baselineCpu,
    ratio: compare(http.search, baseline),
    uncachedBaseline,
    uncachedBaselineCpu,
    uncachedRatio: compare(http.uncached, uncachedBaseline),
  };
}
