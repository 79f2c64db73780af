// `npx tsx --conditions=react-server bench/help.mts`: the help center's budgets. Search over 10,000 generated articles through
// GET /api/search, next to the same Orama search in this process, twice: the realistic rotating queries
// (answered from the engine's cache after their first round) and queries that never repeat (no cache);
// article and FAQ pages next to the static /contact page; the HTTP floor of the app's server (server.mjs,
// which answers /api/search outside Next's router) next to plain `next start`. SQLite, production build,
// loopback only. Each scenario is a module of bench/help/; this file runs them in order on one database.
// See BENCHMARKS.md, "Help center".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppServer } from "./server";
import { sqliteVersion } from "./db";
import { cpuBusyPercent, rssMb } from "./proc";
import { log, machine, writeResults } from "./report";
import { BUDGET, readHelpOptions } from "./help/options";
import { timedStart } from "./help/start";
import { pageFigures, printPages, runPages } from "./help/pages";
import { printServers, runServers } from "./help/servers";
import { insertCorpus } from "./help/insert-corpus";
import { countSearchLog, runSearch, TYPING_PAUSE_MS } from "./help/search";
import { runInProcess } from "./help/in-process";
import { printSummary, type Starts } from "./help/summary";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const o = readHelpOptions();
const started = performance.now();

// Anything else running on the machine skews every figure: measure how busy the CPUs are before starting.
const busy = await cpuBusyPercent();
const info = { ...machine({ sqlite: sqliteVersion() }), cpuBusyBeforeStart: `${busy}%` };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify(o)}`);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-help-"));
const dbFile = path.join(workDir, "data", "mayak.sqlite");
let app: AppServer | undefined;
const result: Record<string, unknown> = { date: new Date().toISOString(), machine: info, options: o, budgets: BUDGET };
try {
  // ---- A new database (migrations, demo data, help-center content), then a plain restart.
  const first = await timedStart(root, workDir, "first start (new database: migrate, seed, sync content, index)");
  await first.app.stop();
  const seeded = await timedStart(root, workDir, "restart on the seeded database");
  app = seeded.app;
  const seededRss = rssMb(app.pid);

  // ---- On the seeded database: the pages, then the two servers.
  const pageRuns = await runPages(app, o);
  const compared = await runServers(app, root, workDir, o);
  app = compared.app;
  const pages = pageFigures(pageRuns);
  await app.stop();
  app = undefined;

  // ---- The generated articles, then a restart that indexes them all.
  const { corpus, uncachedQueries, wordPool } = insertCorpus(dbFile, o.articles);
  const big = await timedStart(root, workDir, `restart with ${corpus.published} published entries`);
  app = big.app;
  const bigRss = rssMb(app.pid);

  const http = await runSearch(app, o, uncachedQueries, wordPool);
  await app.stop();
  app = undefined;
  const logged = countSearchLog(dbFile, http);

  const inProcess = await runInProcess(dbFile, o, http, uncachedQueries);

  const starts: Starts = {
    firstStartMs: first.ms,
    seededRestartMs: seeded.ms,
    seededRssMb: seededRss,
    bigRestartMs: big.ms,
    bigIndexReadyMs: big.indexMs,
    bigRssMb: bigRss,
    rssAfterSearchMb: http.searchRss,
  };
  const budgetMet = (p95: number) => p95 <= BUDGET.searchP95Ms;
  Object.assign(result, {
    corpus,
    starts: { ...starts, inProcessIndex: inProcess.index },
    search: {
      app: http.search,
      appCpu: http.searchCpu,
      baselineCpu: inProcess.baselineCpu,
      budgetMet: budgetMet(http.search.p95),
      baseline: inProcess.baseline,
      ratio: inProcess.ratio,
      floorHealth: http.health,
      floorHealthCpu: http.healthCpu,
      searchLogRows: logged,
      oneAtATime: inProcess.oneAtATime,
      perQuery: inProcess.perQuery,
      totalsMismatch: inProcess.mismatches,
    },
    searchTyping: {
      app: http.typing,
      appCpu: http.typingCpu,
      requestsSent: http.typingSent,
      pauseMs: TYPING_PAUSE_MS,
      budgetMet: budgetMet(http.typing.p95),
    },
    searchUncached: {
      app: http.uncached,
      appCpu: http.uncachedCpu,
      requestsSent: http.uncachedSent,
      distinctQueries: uncachedQueries.length,
      wordPool,
      sample: uncachedQueries.slice(0, 6),
      budgetMet: budgetMet(http.uncached.p95),
      baseline: inProcess.uncachedBaseline,
      baselineCpu: inProcess.uncachedBaselineCpu,
      ratio: inProcess.uncachedRatio,
    },
    pages,
    servers: compared.servers,
  });

  printSummary(o, corpus, starts, http, inProcess);
  printServers(compared.servers, o);
  printPages(pages, o);
  console.log(`  whole run: ${Math.round((performance.now() - started) / 1000)} s`);
} finally {
  if (app) await app.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
writeResults(path.join(here, "results"), "help", result);
