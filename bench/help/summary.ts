// The help benchmark's verdicts: start, index and search figures against the budgets (the server
// comparison and the pages print their own lines after these).
import type { CpuShare } from "../proc";
import { r2 } from "../stats";
import type { Corpus } from "./insert-corpus";
import type { InProcess } from "./in-process";
import { BUDGET, verdict, type HelpOptions } from "./options";
import { TYPING_PAUSE_MS, type SearchRuns } from "./search";

export interface Starts {
  firstStartMs: number;
  seededRestartMs: number;
  seededRssMb: number | undefined;
  bigRestartMs: number;
  bigIndexReadyMs: number;
  bigRssMb: number | undefined;
  rssAfterSearchMb: number | undefined;
}

// The app's CPU time per answer: less sensitive than req/s to how much CPU the others left it.
const msPerAnswer = (cpu: CpuShare | undefined, perSecond: number) => (cpu ? r2((cpu.appPct * 10) / perSecond) : "?");

export function printSummary(o: HelpOptions, corpus: Corpus["corpus"], starts: Starts, http: SearchRuns, inProcess: InProcess): void {
  const { search, searchCpu, typing, typingCpu, uncached, uncachedCpu, health, healthCpu } = http;
  const { index, baseline, ratio, uncachedBaseline, uncachedRatio, oneAtATime } = inProcess;
  console.log("\nHelp center");
  console.log(
    `  corpus: ${corpus.generated} generated + ${corpus.fromRealEntries} real = ${corpus.published} published entries, body ${corpus.bodyWords.min}-${corpus.bodyWords.max} words (median ${corpus.bodyWords.median}), database ${corpus.databaseMb} MB`,
  );
  console.log(
    `  start: new database ${starts.firstStartMs} ms; restart seeded ${starts.seededRestartMs} ms (RSS ${starts.seededRssMb} MB); restart with ${corpus.published} entries ${starts.bigRestartMs} ms, search index ready after ${starts.bigIndexReadyMs} ms (RSS ${starts.bigRssMb} MB, ${starts.rssAfterSearchMb} MB after the search run)`,
  );
  console.log(
    `  index in process: SELECT ${index.selectMs} ms + Markdown to text ${index.toSearchDocMs} ms + replaceAll ${index.replaceAllMs} ms (vocabulary ${index.ofWhichVocabularyMs} ms)`,
  );
  console.log(
    `  search, ${o.searchConnections} connections, ${o.searchSeconds} s: ${search.perSecond} req/s, p50 ${search.p50} / p95 ${search.p95} / p99 ${search.p99} ms, errors ${search.errors}  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${verdict(search.p95 <= BUDGET.searchP95Ms)}`,
  );
  console.log(
    `    CPU during the search run (% of one CPU): app ${searchCpu?.appPct ?? "?"} (${msPerAnswer(searchCpu, search.perSecond)} ms per answer), autocannon ${searchCpu?.benchPct ?? "?"}, other processes ${searchCpu?.otherPct ?? "?"}`,
  );
  console.log(
    `  search TYPING (every query distinct), ${o.searchConnections} clients pausing ${TYPING_PAUSE_MS.join("-")} ms after each answer, ${o.searchSeconds} s: ${typing.perSecond} req/s, p50 ${typing.p50} / p95 ${typing.p95} / p99 ${typing.p99} ms, errors ${typing.errors}; CPU app ${typingCpu?.appPct ?? "?"} %  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${verdict(typing.p95 <= BUDGET.searchP95Ms)}`,
  );
  console.log(
    `  search UNCACHED (every query distinct), ${o.searchConnections} connections, ${o.searchSeconds} s: ${uncached.perSecond} req/s, p50 ${uncached.p50} / p95 ${uncached.p95} / p99 ${uncached.p99} ms, errors ${uncached.errors}  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${verdict(uncached.p95 <= BUDGET.searchP95Ms)}`,
  );
  console.log(
    `    CPU during the uncached run (% of one CPU): app ${uncachedCpu?.appPct ?? "?"} (${msPerAnswer(uncachedCpu, uncached.perSecond)} ms per answer), autocannon ${uncachedCpu?.benchPct ?? "?"}, other processes ${uncachedCpu?.otherPct ?? "?"}`,
  );
  console.log(
    `    baseline uncached in process, ${o.searchConnections} workers: ${uncachedBaseline.perSecond} ops/s, p50 ${uncachedBaseline.p50} / p95 ${uncachedBaseline.p95} / p99 ${uncachedBaseline.p99} ms; app / baseline req/s x${uncachedRatio.perSecond}, p95 x${uncachedRatio.p95}`,
  );
  console.log(
    `  baseline engine.search in process (rotating queries, cached), ${o.searchConnections} workers: ${baseline.perSecond} ops/s, p50 ${baseline.p50} / p95 ${baseline.p95} / p99 ${baseline.p99} ms; one at a time uncached mean ${oneAtATime.meanMs} ms (cached ${oneAtATime.cachedMeanMs}; typo correction ${oneAtATime.prepareQueryMeanMs}, highlighting ${oneAtATime.highlightMeanMs}, Orama and the rest ${oneAtATime.oramaAndRestMeanMs}), slowest query ${oneAtATime.maxMs} ms`,
  );
  console.log(`  app / baseline: req/s x${ratio.perSecond}, p50 x${ratio.p50}, p95 x${ratio.p95}, p99 x${ratio.p99}`);
  console.log(
    `  floor GET /api/health, ${o.searchConnections} connections: ${health.perSecond} req/s, p50 ${health.p50} / p95 ${health.p95} / p99 ${health.p99} ms; app ${healthCpu?.appPct ?? "?"} % CPU (${msPerAnswer(healthCpu, health.perSecond)} ms per answer), other processes ${healthCpu?.otherPct ?? "?"} %`,
  );
}
