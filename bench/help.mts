// `npx tsx bench/help.mts`: the help center's budgets. Search over 10,000 generated articles through
// GET /api/search, next to the same Orama search in this process, twice: the realistic rotating queries
// (answered from the engine's cache after their first round) and queries that never repeat (no cache);
// article and FAQ pages next to the static /contact page; the HTTP floor of the app's server (server.mjs,
// which answers /api/search outside Next's router) next to plain `next start`. SQLite, production build,
// loopback only.
// See BENCHMARKS.md, "Help center".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startApp, type AppServer } from "./server";
import { fakeIp, load, paced, USER_AGENT } from "./http";
import { openSqlite } from "./db";
import { runWorkers, summarize, type Summary } from "./stats";
import { machine } from "./report";
import { distinctQueries, distinctWordCount, generateArticles, insertArticles, QUERIES, type SourceArticle } from "./help-corpus";
import { createOramaEngine } from "../server/search/orama-engine";
import { toSearchDoc } from "../server/search/search-docs";
import { prepareQuery, Vocabulary } from "../server/search/query-terms";
import { makeMatcher, markAll, snippet } from "../server/search/highlight";
import { stemmer as enStemmer } from "@orama/stemmers/english";
import { stemmer as ruStemmer } from "@orama/stemmers/russian";
import type { KbArticle } from "../server/db/schema";
import type { SearchDoc } from "../server/search/engine";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: {
    articles: { type: "string" },
    "search-seconds": { type: "string" },
    "search-connections": { type: "string" },
    "page-seconds": { type: "string" },
    "page-connections": { type: "string" },
    "page-rounds": { type: "string" },
    "skip-pages": { type: "boolean" },
    "skip-servers": { type: "boolean" },
    "server-rounds": { type: "string" },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const o = {
  articles: num(flags.articles ?? process.env.BENCH_HELP_ARTICLES, 10_000),
  searchSeconds: num(flags["search-seconds"] ?? process.env.BENCH_HELP_SEARCH_SECONDS, 15),
  searchConnections: num(flags["search-connections"] ?? process.env.BENCH_HELP_SEARCH_CONNECTIONS, 20),
  pageSeconds: num(flags["page-seconds"] ?? process.env.BENCH_HELP_PAGE_SECONDS, 10),
  pageConnections: num(flags["page-connections"] ?? process.env.BENCH_HELP_PAGE_CONNECTIONS, 10),
  // Each round loads every page once more, then the static page; page figures are means over the rounds.
  pageRounds: num(flags["page-rounds"] ?? process.env.BENCH_HELP_PAGE_ROUNDS, 2),
  skipPages: flags["skip-pages"] ?? process.env.BENCH_HELP_SKIP_PAGES === "1",
  skipServers: flags["skip-servers"] ?? process.env.BENCH_HELP_SKIP_SERVERS === "1",
  serverRounds: num(flags["server-rounds"] ?? process.env.BENCH_HELP_SERVER_ROUNDS, 2),
  floorSeconds: 5,
  warmupSeconds: 2,
};
// The budgets of the issue.
const BUDGET = { searchP95Ms: 15, pageShareOfStatic: 0.8 };
// The pause of each client of the "typing" run after an answer: about as often as the header's instant search
// sends a search while someone types (it sends one after 180 ms without a keystroke), 200-400 ms.
const TYPING_PAUSE_MS: [number, number] = [200, 400];
const PAGES = [
  { name: "article (en)", path: "/help/articles/report-an-incident", expect: "How to report an incident" },
  { name: "article (ru)", path: "/ru/help/articles/kak-soobshchit-ob-incidente", expect: "Как сообщить об инциденте" },
  { name: "faq (en)", path: "/faq", expect: "are-backups-encrypted" },
];
const STATIC = { name: "contact (static)", path: "/contact", expect: "<h1" };

const started = performance.now();
const log = (s: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${s}`);
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

// Anything else running on the machine skews every figure: measure how busy the CPUs are before starting.
const cpuTimes = () => os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, all: a.all + Object.values(c.times).reduce((x, y) => x + y, 0) }), { idle: 0, all: 0 });
const c1 = cpuTimes();
await new Promise((r) => setTimeout(r, 1000));
const c2 = cpuTimes();
const busy = Math.round((1 - (c2.idle - c1.idle) / (c2.all - c1.all)) * 100);
const { default: SQLiteLib } = await import("better-sqlite3");
const mem = new SQLiteLib(":memory:");
const sqliteVersion = (mem.prepare("select sqlite_version() as v").get() as { v: string }).v;
mem.close();
const info = { ...machine({ sqlite: sqliteVersion }), cpuBusyBeforeStart: `${busy}%` };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify(o)}`);

function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How the two CPUs were shared during a measurement: the app, this process (autocannon or the baseline),
 * and everything else on the machine (another build or test run skews the figures). Linux only.
 */
function cpuShare(pid: number | undefined): () => { appPct: number; benchPct: number; otherPct: number } | undefined {
  const jiffies = () => {
    try {
      const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
      const app = pid ? fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13).map(Number) : [0, 0];
      return { busy: cpu.reduce((a, b) => a + b, 0) - cpu[3]! - (cpu[4] ?? 0), all: cpu.reduce((a, b) => a + b, 0), app: app[0]! + app[1]! };
    } catch {
      return undefined;
    }
  };
  const a = jiffies();
  const self0 = process.cpuUsage();
  return () => {
    const b = jiffies();
    if (!a || !b || b.all === a.all) return undefined;
    const hz = 100;
    const selfUs = process.cpuUsage(self0);
    const all = b.all - a.all;
    const pct = (j: number) => Math.round((j / all) * os.cpus().length * 100);
    const appJ = b.app - a.app;
    const selfJ = ((selfUs.user + selfUs.system) / 1e6) * hz;
    // Percent of one CPU (200 % = both busy).
    return { appPct: pct(appJ), benchPct: pct(selfJ), otherPct: Math.max(0, pct(b.busy - a.busy - appJ - selfJ)) };
  };
}

/**
 * Starts the app and returns it with the time until /api/health answered 200 (migrations, seed, content sync)
 * and the time until it says the search index is built (`search: "ready"`; it is built in the background, the
 * database answers searches until then, and a search load would measure that instead).
 */
async function timedStart(workDir: string, what: string, server: "app" | "next" = "app"): Promise<{ app: AppServer; ms: number; indexMs: number }> {
  const t0 = performance.now();
  const app = await startApp({ root, workDir, server });
  const ms = Math.round(performance.now() - t0);
  appPid = app.pid;
  const deadline = Date.now() + 300_000;
  for (;;) {
    const health = (await (await fetch(`${app.base}/api/health`, { headers: { "user-agent": USER_AGENT } })).json()) as { search?: string };
    if (health.search !== "building") break;
    if (Date.now() > deadline) throw new Error(`${what}: the search index was not ready after 300 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const indexMs = Math.round(performance.now() - t0);
  log(`${what}: healthy after ${ms} ms, search index ready after ${indexMs} ms (RSS ${rssMb(app.pid) ?? "?"} MB)`);
  return { app, ms, indexMs };
}

type PageRun = Awaited<ReturnType<typeof load>> & { name: string; path: string; bytes: number; cache: string | null; cpu: ReturnType<ReturnType<typeof cpuShare>> };
let appPid: number | undefined;

async function benchPage(base: string, page: typeof STATIC): Promise<PageRun> {
  // The first request renders the page and stores it; the second shows how the server answers from then on.
  const first = await fetch(base + page.path, { redirect: "manual", headers: { "user-agent": USER_AGENT } });
  const html = await first.text();
  if (first.status !== 200 || !html.includes(page.expect)) throw new Error(`${page.path}: unexpected answer HTTP ${first.status}: ${html.slice(0, 200)}`);
  const second = await fetch(base + page.path, { redirect: "manual", headers: { "user-agent": USER_AGENT } });
  const bytes = (await second.arrayBuffer()).byteLength;
  const cache = second.headers.get("x-nextjs-cache") ?? (second.headers.get("x-nextjs-prerender") ? "prerender" : null);
  const request = { method: "GET", path: page.path, headers: { "user-agent": USER_AGENT } };
  log(`  ${page.path}: ${bytes} bytes, x-nextjs-cache ${cache ?? "-"}; warm-up ${o.warmupSeconds} s, then ${o.pageSeconds} s at ${o.pageConnections} connections`);
  await load({ base, request, connections: o.pageConnections, seconds: o.warmupSeconds });
  const share = cpuShare(appPid);
  const run = await load({ base, request, connections: o.pageConnections, seconds: o.pageSeconds });
  const cpu = share();
  if (run.ops === 0) throw new Error(`${page.path}: no successful request (first status ${run.sampleStatus})`);
  log(`  ${page.path}: ${run.perSecond} req/s, p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} ms, ${run.errors} errors; CPU ${JSON.stringify(cpu)}`);
  return { ...run, name: page.name, path: page.path, bytes, cache, cpu };
}

const searchPath = (i: number) => {
  const { q, locale } = QUERIES[i % QUERIES.length]!;
  // Each query goes once logged and once with log=0, in turn: half of the requests write to kb_search_log.
  const noLog = Math.floor(i / QUERIES.length) % 2 === 1;
  return `/api/search?q=${encodeURIComponent(q)}&locale=${locale}${noLog ? "&log=0" : ""}`;
};
// A visitor key as a browser sends it (the search log keeps it); distinct client addresses keep the
// per-address rate limit (600 searches a minute) out of the way.
const searchHeaders = (i: number) => ({ "user-agent": USER_AGENT, "x-forwarded-for": fakeIp(i), cookie: `mayak-vid=bench-visitor-${i % 500}` });

/** The rotating queries as an autocannon request; `from` keeps the client addresses apart from other runs. */
function rotatingSearch(from: number) {
  let i = 0;
  return {
    method: "GET",
    path: searchPath(0),
    headers: searchHeaders(from),
    setupRequest: (req: { path?: string; headers?: Record<string, string> }) => {
      const n = i++;
      return { ...req, path: searchPath(n), headers: searchHeaders(from + n) };
    },
  };
}

type FloorRun = Awaited<ReturnType<typeof load>> & { name: string; cpu: ReturnType<ReturnType<typeof cpuShare>> };

/**
 * What one server costs per request at the search concurrency, for a route Next serves (/api/health:
 * SELECT 1), a page Next serves from its cache (/contact) and the cached search (the rotating queries).
 */
async function serverFloor(base: string, pid: number, label: string): Promise<FloorRun[]> {
  const runs: FloorRun[] = [];
  const targets = [
    { name: "GET /api/health", request: { method: "GET", path: "/api/health", headers: { "user-agent": USER_AGENT } } },
    { name: "GET /contact", request: { method: "GET", path: "/contact", headers: { "user-agent": USER_AGENT } } },
    { name: "GET /api/search (rotating, cached)", request: rotatingSearch(label === "next start" ? 1_000_000 : 2_000_000) },
  ];
  for (const t of targets) {
    await load({ base, request: t.request, connections: o.searchConnections, seconds: o.warmupSeconds });
    const share = cpuShare(pid);
    const run = await load({ base, request: t.request, connections: o.searchConnections, seconds: o.floorSeconds });
    const cpu = share();
    if (run.ops === 0) throw new Error(`${label} ${t.name}: no successful request (first status ${run.sampleStatus})`);
    log(`  ${label}, ${t.name}: ${run.perSecond} req/s, p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} ms, ${run.errors} errors; CPU ${JSON.stringify(cpu)}`);
    runs.push({ ...run, name: t.name, cpu });
  }
  return runs;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-help-"));
const dbFile = path.join(workDir, "data", "mayak.sqlite");
let app: AppServer | undefined;
const result: Record<string, unknown> = { date: new Date().toISOString(), machine: info, options: o, budgets: BUDGET };
try {
  // ---- Start 1: a new database (migrations, demo data, help-center content); then a plain restart.
  let s = await timedStart(workDir, "first start (new database: migrate, seed, sync content, index)");
  const firstStartMs = s.ms;
  await s.app.stop();
  s = await timedStart(workDir, "restart on the seeded database");
  app = s.app;
  const seededRestartMs = s.ms;
  const seededRss = rssMb(app.pid);

  // ---- Part 2: page throughput against the static page, on the seeded database, one URL after the other.
  const pageRuns: PageRun[] = [];
  if (!o.skipPages) {
    log(`pages, seeded database: ${o.pageConnections} connections, ${o.pageSeconds} s each, one after the other`);
    pageRuns.push(await benchPage(app.base, STATIC));
    for (let round = 0; round < o.pageRounds; round++) {
      for (const p of PAGES) pageRuns.push(await benchPage(app.base, p));
      // The static page again after each round: the spread between its runs is the noise of the machine.
      pageRuns.push(await benchPage(app.base, STATIC));
    }
  }

  // ---- Part 2b: the same routes through the app's server and through plain `next start`, on the seeded database,
  // in alternating order (server.mjs, next start, next start, server.mjs, …): runs differ by 10-25 % from one to
  // the next even on a quiet machine, and the order must not favour either server.
  const servers: { server: "server.mjs" | "next start"; round: number; runs: FloorRun[] }[] = [];
  if (!o.skipServers) {
    log(`servers, seeded database: ${o.searchConnections} connections, ${o.warmupSeconds} s + ${o.floorSeconds} s per route, ${o.serverRounds} rounds`);
    let running: "app" | "next" = "app";
    for (let round = 1; round <= o.serverRounds; round++) {
      for (const kind of round % 2 === 1 ? (["app", "next"] as const) : (["next", "app"] as const)) {
        if (kind !== running) {
          await app.stop();
          s = await timedStart(workDir, `restart with ${kind === "app" ? "server.mjs" : "`next start`"}`, kind);
          app = s.app;
          running = kind;
        }
        const server = kind === "app" ? "server.mjs" : "next start";
        servers.push({ server, round, runs: await serverFloor(app.base, app.pid, server) });
      }
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // The server's CPU time per answer: the same comparison from the server's side, less disturbed by other load.
  const cpuMs = (r: PageRun) => (r.cpu ? (r.cpu.appPct / 100) * r.seconds * 1000 / r.ops : NaN);
  const statics = pageRuns.filter((r) => r.path === STATIC.path);
  const staticPerSecond = r1(mean(statics.map((r) => r.perSecond)));
  const staticCpuMs = r2(mean(statics.map(cpuMs)));
  const pages = PAGES.filter(() => pageRuns.length > 0).map((p) => {
    const runs = pageRuns.filter((r) => r.path === p.path);
    const perSecond = r1(mean(runs.map((r) => r.perSecond)));
    const share = r2(perSecond / staticPerSecond);
    const pageCpuMs = r2(mean(runs.map(cpuMs)));
    return { path: p.path, runs, bytes: runs[0]!.bytes, perSecond, shareOfStatic: share, budgetMet: share >= BUDGET.pageShareOfStatic, cpuMsPerAnswer: pageCpuMs, cpuShareOfStatic: r2(staticCpuMs / pageCpuMs) };
  });
  await app.stop();
  app = undefined;

  // ---- Insert the generated articles while the app is stopped.
  const db = openSqlite(dbFile);
  if (db.dialect !== "sqlite") throw new Error("unreachable");
  const sources = db.sqlite.prepare("select kind, slug, locale, category, title, summary, tags, body from kb_articles where status = 'published'").all() as SourceArticle[];
  const articles = generateArticles(sources, o.articles);
  let t0 = performance.now();
  insertArticles(db.sqlite, articles);
  const insertMs = Math.round(performance.now() - t0);
  const published = (db.sqlite.prepare("select count(*) as n from kb_articles where status = 'published'").get() as { n: number }).n;
  const bodyWords = articles.map((a) => a.body.split(/\s+/).filter(Boolean).length).sort((a, b) => a - b);
  const corpus = {
    generated: articles.length,
    fromRealEntries: sources.length,
    published,
    bodyWords: { min: bodyWords[0], median: bodyWords[bodyWords.length >> 1], max: bodyWords[bodyWords.length - 1] },
    databaseMb: 0,
  };
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  db.sqlite.close();
  corpus.databaseMb = Math.round(fs.statSync(dbFile).size / 2 ** 20);
  // Queries that never repeat (2-3 words of the generated text each), for the uncached search run.
  const UNCACHED = distinctQueries(articles, 100_000);
  const wordPool = distinctWordCount(articles);
  log(`inserted ${articles.length} articles (from ${sources.length} real entries) in ${insertMs} ms; ${published} published; body words ${JSON.stringify(corpus.bodyWords)}`);

  // ---- Start 2: the app rebuilds its Orama index from every published row.
  s = await timedStart(workDir, `restart with ${published} published entries`);
  app = s.app;
  const bigRestartMs = s.ms;
  const bigIndexMs = s.indexMs;
  const bigRss = rssMb(app.pid);

  // Every query answers, and its total is kept to compare with the in-process engine below.
  const appTotals: Record<string, number> = {};
  for (let i = 0; i < QUERIES.length; i++) {
    const res = await fetch(`${app.base}${searchPath(i + QUERIES.length)}`, { headers: searchHeaders(900_000 + i) });
    const body = (await res.json()) as { total?: number };
    if (res.status !== 200 || typeof body.total !== "number") throw new Error(`search "${QUERIES[i]!.q}": HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    appTotals[`${QUERIES[i]!.locale}:${QUERIES[i]!.q}`] = body.total;
  }
  const noHits = Object.entries(appTotals).filter(([, n]) => n === 0).map(([k]) => k);
  if (noHits.length) log(`queries without hits: ${noHits.join(", ")}`);

  // ---- Part 1: search over HTTP.
  let counter = 0;
  const searchReq = {
    method: "GET",
    path: searchPath(0),
    headers: searchHeaders(0),
    setupRequest: (req: { path?: string; headers?: Record<string, string> }) => {
      const i = counter++;
      return { ...req, path: searchPath(i), headers: searchHeaders(i) };
    },
  };
  log(`search: warm-up ${o.warmupSeconds} s, then ${o.searchSeconds} s at ${o.searchConnections} connections over ${QUERIES.length} queries`);
  await load({ base: app.base, request: searchReq, connections: o.searchConnections, seconds: o.warmupSeconds });
  const warmupSent = counter;
  const searchShare = cpuShare(app.pid);
  const search = await load({ base: app.base, request: searchReq, connections: o.searchConnections, seconds: o.searchSeconds });
  const searchCpu = searchShare();
  if (search.ops === 0) throw new Error(`search: no successful request (first status ${search.sampleStatus})`);
  log(`search: ${search.perSecond} req/s, p50 ${search.p50} / p95 ${search.p95} / p99 ${search.p99} ms, ${search.errors} errors; CPU ${JSON.stringify(searchCpu)}`);
  const searchRss = rssMb(app.pid);

  // ---- Part 1b: search over HTTP with queries that never repeat: every answer is computed, none cached.
  const uncachedPath = (i: number) => {
    const { q, locale } = UNCACHED[i % UNCACHED.length]!;
    return `/api/search?q=${encodeURIComponent(q)}&locale=${locale}${i % 2 === 1 ? "&log=0" : ""}`;
  };
  let ucounter = 0;
  const uncachedReq = {
    method: "GET",
    path: uncachedPath(0),
    headers: searchHeaders(0),
    setupRequest: (req: { path?: string; headers?: Record<string, string> }) => {
      const i = ucounter++;
      return { ...req, path: uncachedPath(i), headers: searchHeaders(200_000 + i) };
    },
  };
  log(`search, uncached: warm-up ${o.warmupSeconds} s, then ${o.searchSeconds} s at ${o.searchConnections} connections, every query distinct (pool of ${UNCACHED.length}; words: en ${wordPool.en}, ru ${wordPool.ru})`);
  await load({ base: app.base, request: uncachedReq, connections: o.searchConnections, seconds: o.warmupSeconds });
  const uncachedShare = cpuShare(app.pid);
  const uncached = await load({ base: app.base, request: uncachedReq, connections: o.searchConnections, seconds: o.searchSeconds });
  const uncachedCpu = uncachedShare();
  const uncachedSent = ucounter;
  if (uncached.ops === 0) throw new Error(`search, uncached: no successful request (first status ${uncached.sampleStatus})`);
  if (uncachedSent > UNCACHED.length) log(`warning: ${uncachedSent} uncached searches sent for ${UNCACHED.length} distinct queries: some repeated`);
  log(`search, uncached: ${uncached.perSecond} req/s, p50 ${uncached.p50} / p95 ${uncached.p95} / p99 ${uncached.p99} ms, ${uncached.errors} errors; ${uncachedSent} requests sent; CPU ${JSON.stringify(uncachedCpu)}`);

  // ---- Part 1c: the same distinct queries from clients that pause between searches as the header's instant
  // search does while someone types (it sends one after 180 ms without a keystroke): each client pauses for
  // TYPING_PAUSE_MS after each answer. Concurrent visitors, not back-to-back requests.
  log(`search, typing: ${o.searchSeconds} s, ${o.searchConnections} clients each sending a distinct query, then pausing ${TYPING_PAUSE_MS.join("-")} ms`);
  const typingShare = cpuShare(app.pid);
  const typingFrom = ucounter;
  const typing = await paced({
    base: app.base,
    clients: o.searchConnections,
    seconds: o.searchSeconds,
    pauseMs: TYPING_PAUSE_MS,
    request: () => {
      const i = ucounter++;
      return { path: uncachedPath(i), headers: searchHeaders(400_000 + i) };
    },
  });
  const typingCpu = typingShare();
  const typingSent = ucounter - typingFrom;
  if (typing.ops === 0) throw new Error(`search, typing: no successful request (${typing.non2xx} non-2xx answers, ${typing.errors} errors)`);
  if (ucounter > UNCACHED.length) log(`warning: ${ucounter} uncached searches sent for ${UNCACHED.length} distinct queries: some repeated`);
  log(`search, typing: ${typing.perSecond} req/s, p50 ${typing.p50} / p95 ${typing.p95} / p99 ${typing.p99} ms, ${typing.errors} errors; ${typingSent} requests sent; CPU ${JSON.stringify(typingCpu)}`);

  // A route that does next to nothing (SELECT 1), same concurrency: the floor that HTTP and Next.js set.
  log(`floor: GET /api/health, ${o.warmupSeconds} s + ${o.floorSeconds} s at ${o.searchConnections} connections`);
  const healthReq = { method: "GET", path: "/api/health", headers: { "user-agent": USER_AGENT } };
  await load({ base: app.base, request: healthReq, connections: o.searchConnections, seconds: o.warmupSeconds });
  const healthShare = cpuShare(app.pid);
  const health = await load({ base: app.base, request: healthReq, connections: o.searchConnections, seconds: o.floorSeconds });
  const healthCpu = healthShare();
  log(`floor: ${health.perSecond} req/s, p50 ${health.p50} / p95 ${health.p95} / p99 ${health.p99} ms; CPU ${JSON.stringify(healthCpu)}`);
  await app.stop();
  app = undefined;
  const check = openSqlite(dbFile);
  const logged = check.dialect === "sqlite" ? (check.sqlite.prepare("select count(*) as n from kb_search_log").get() as { n: number }).n : 0;
  if (check.dialect === "sqlite") check.sqlite.close();
  log(`kb_search_log holds ${logged} rows (${warmupSent + search.ops + uncachedSent} searches sent in warm-ups and runs, about half logged)`);

  // ---- Baseline: the same engine in this process, the same documents, the same queries and concurrency.
  const rowsDb = openSqlite(dbFile);
  if (rowsDb.dialect !== "sqlite") throw new Error("unreachable");
  t0 = performance.now();
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
  log(`in process: SELECT ${selectMs} ms, toSearchDoc (Markdown to text) ${toDocsMs} ms, replaceAll ${replaceAllMs} ms (vocabulary alone ${vocabMs} ms)`);

  const req = (i: number) => ({ q: QUERIES[i % QUERIES.length]!.q, locale: QUERIES[i % QUERIES.length]!.locale, limit: 10, offset: 0 });
  const mismatches: string[] = [];
  // The first search of each query computes its answer; later ones come from the engine's cache.
  const firstMs: number[] = [];
  for (let i = 0; i < QUERIES.length; i++) {
    const tf = performance.now();
    const r = await engine.search(req(i));
    firstMs.push(performance.now() - tf);
    const key = `${QUERIES[i]!.locale}:${QUERIES[i]!.q}`;
    if (r.total !== appTotals[key]) mismatches.push(`${key}: app ${appTotals[key]}, in process ${r.total}`);
  }
  if (mismatches.length) log(`different totals: ${mismatches.join("; ")}`);

  // One query at a time: what each query costs, and how much of it is the typo correction (prepareQuery)
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
    perQuery.push({ locale, q, total: appTotals[`${locale}:${q}`], uncachedSearchMs: r2(firstMs[i]!), cachedSearchMs: r2(med(times)), prepareQueryMs: r2(med(prep)), highlightMs: r2(med(marks)) });
  }
  const single = summarize(perQuery.map((p) => p.uncachedSearchMs), 1, 0);
  const meanSearch = perQuery.reduce((a, p) => a + p.uncachedSearchMs, 0) / perQuery.length;
  const meanCached = perQuery.reduce((a, p) => a + p.cachedSearchMs, 0) / perQuery.length;
  const meanPrep = perQuery.reduce((a, p) => a + p.prepareQueryMs, 0) / perQuery.length;
  const meanMark = perQuery.reduce((a, p) => a + p.highlightMs, 0) / perQuery.length;
  // Uncached: the first search of each query on a fresh engine; cached: the median of the next three.
  const oneAtATime = { meanMs: r2(meanSearch), medianMs: single.p50, maxMs: single.max, cachedMeanMs: r2(meanCached), prepareQueryMeanMs: r2(meanPrep), highlightMeanMs: r2(meanMark), oramaAndRestMeanMs: r2(meanSearch - meanPrep - meanMark) };
  log(`one query at a time: ${JSON.stringify(oneAtATime)}`);

  // As many operations as the app answered (fewer if they would take more than ~15 s), same concurrency.
  const total = Math.min(search.ops, Math.max(200, Math.floor(15_000 / Math.max(meanSearch, 0.01))));
  log(`baseline: ${total} searches at ${o.searchConnections} workers`);
  const baseShare = cpuShare(undefined);
  const baseline: Summary = await runWorkers(total, o.searchConnections, (i) => engine.search(req(i)));
  const baselineCpu = baseShare();
  log(`baseline: ${baseline.perSecond} ops/s, p50 ${baseline.p50} / p95 ${baseline.p95} / p99 ${baseline.p99} ms; CPU ${JSON.stringify(baselineCpu)}`);
  const ratio = { perSecond: r2(search.perSecond / baseline.perSecond), p50: r2(search.p50 / baseline.p50), p95: r2(search.p95 / baseline.p95), p99: r2(search.p99 / baseline.p99) };

  // The uncached baseline: distinct queries the app was not sent (from the end of the list), same workers.
  const ureq = (i: number) => ({ q: UNCACHED[UNCACHED.length - 1 - i]!.q, locale: UNCACHED[UNCACHED.length - 1 - i]!.locale, limit: 10, offset: 0 });
  const utotal = Math.min(uncached.ops, Math.max(200, Math.floor(10_000 / Math.max(meanSearch, 0.01))), UNCACHED.length - uncachedSent);
  log(`baseline, uncached: ${utotal} distinct searches at ${o.searchConnections} workers`);
  const ubaseShare = cpuShare(undefined);
  const uncachedBaseline: Summary = await runWorkers(utotal, o.searchConnections, (i) => engine.search(ureq(i)));
  const uncachedBaselineCpu = ubaseShare();
  log(`baseline, uncached: ${uncachedBaseline.perSecond} ops/s, p50 ${uncachedBaseline.p50} / p95 ${uncachedBaseline.p95} / p99 ${uncachedBaseline.p99} ms; CPU ${JSON.stringify(uncachedBaselineCpu)}`);
  const uratio = { perSecond: r2(uncached.perSecond / uncachedBaseline.perSecond), p50: r2(uncached.p50 / uncachedBaseline.p50), p95: r2(uncached.p95 / uncachedBaseline.p95), p99: r2(uncached.p99 / uncachedBaseline.p99) };

  Object.assign(result, {
    corpus,
    starts: { firstStartMs, seededRestartMs, seededRssMb: seededRss, bigRestartMs, bigIndexReadyMs: bigIndexMs, bigRssMb: bigRss, rssAfterSearchMb: searchRss, inProcessIndex: index },
    search: { app: search, appCpu: searchCpu, baselineCpu, budgetMet: search.p95 <= BUDGET.searchP95Ms, baseline, ratio, floorHealth: health, floorHealthCpu: healthCpu, searchLogRows: logged, oneAtATime, perQuery, totalsMismatch: mismatches },
    searchTyping: { app: typing, appCpu: typingCpu, requestsSent: typingSent, pauseMs: TYPING_PAUSE_MS, budgetMet: typing.p95 <= BUDGET.searchP95Ms },
    searchUncached: { app: uncached, appCpu: uncachedCpu, requestsSent: uncachedSent, distinctQueries: UNCACHED.length, wordPool, sample: UNCACHED.slice(0, 6), budgetMet: uncached.p95 <= BUDGET.searchP95Ms, baseline: uncachedBaseline, baselineCpu: uncachedBaselineCpu, ratio: uratio },
    pages: { staticRuns: statics, staticPerSecond, staticCpuMsPerAnswer: staticCpuMs, pages },
    servers,
  });

  // ---- Summary
  const ok = (b: boolean) => (b ? "met" : "MISSED");
  console.log("\nHelp center");
  console.log(`  corpus: ${corpus.generated} generated + ${corpus.fromRealEntries} real = ${published} published entries, body ${corpus.bodyWords.min}-${corpus.bodyWords.max} words (median ${corpus.bodyWords.median}), database ${corpus.databaseMb} MB`);
  console.log(`  start: new database ${firstStartMs} ms; restart seeded ${seededRestartMs} ms (RSS ${seededRss} MB); restart with ${published} entries ${bigRestartMs} ms, search index ready after ${bigIndexMs} ms (RSS ${bigRss} MB, ${searchRss} MB after the search run)`);
  console.log(`  index in process: SELECT ${selectMs} ms + Markdown to text ${toDocsMs} ms + replaceAll ${replaceAllMs} ms (vocabulary ${vocabMs} ms)`);
  console.log(`  search, ${o.searchConnections} connections, ${o.searchSeconds} s: ${search.perSecond} req/s, p50 ${search.p50} / p95 ${search.p95} / p99 ${search.p99} ms, errors ${search.errors}  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${ok(search.p95 <= BUDGET.searchP95Ms)}`);
  console.log(`    CPU during the search run (% of one CPU): app ${searchCpu?.appPct ?? "?"} (${searchCpu ? r2((searchCpu.appPct * 10) / search.perSecond) : "?"} ms per answer), autocannon ${searchCpu?.benchPct ?? "?"}, other processes ${searchCpu?.otherPct ?? "?"}`);
  console.log(`  search TYPING (every query distinct), ${o.searchConnections} clients pausing ${TYPING_PAUSE_MS.join("-")} ms after each answer, ${o.searchSeconds} s: ${typing.perSecond} req/s, p50 ${typing.p50} / p95 ${typing.p95} / p99 ${typing.p99} ms, errors ${typing.errors}; CPU app ${typingCpu?.appPct ?? "?"} %  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${ok(typing.p95 <= BUDGET.searchP95Ms)}`);
  console.log(`  search UNCACHED (every query distinct), ${o.searchConnections} connections, ${o.searchSeconds} s: ${uncached.perSecond} req/s, p50 ${uncached.p50} / p95 ${uncached.p95} / p99 ${uncached.p99} ms, errors ${uncached.errors}  -> budget p95 <= ${BUDGET.searchP95Ms} ms: ${ok(uncached.p95 <= BUDGET.searchP95Ms)}`);
  console.log(`    CPU during the uncached run (% of one CPU): app ${uncachedCpu?.appPct ?? "?"} (${uncachedCpu ? r2((uncachedCpu.appPct * 10) / uncached.perSecond) : "?"} ms per answer), autocannon ${uncachedCpu?.benchPct ?? "?"}, other processes ${uncachedCpu?.otherPct ?? "?"}`);
  console.log(`    baseline uncached in process, ${o.searchConnections} workers: ${uncachedBaseline.perSecond} ops/s, p50 ${uncachedBaseline.p50} / p95 ${uncachedBaseline.p95} / p99 ${uncachedBaseline.p99} ms; app / baseline req/s x${uratio.perSecond}, p95 x${uratio.p95}`);
  console.log(`  baseline engine.search in process (rotating queries, cached), ${o.searchConnections} workers: ${baseline.perSecond} ops/s, p50 ${baseline.p50} / p95 ${baseline.p95} / p99 ${baseline.p99} ms; one at a time uncached mean ${oneAtATime.meanMs} ms (cached ${oneAtATime.cachedMeanMs}; typo correction ${oneAtATime.prepareQueryMeanMs}, highlighting ${oneAtATime.highlightMeanMs}, Orama and the rest ${oneAtATime.oramaAndRestMeanMs}), slowest query ${oneAtATime.maxMs} ms`);
  console.log(`  app / baseline: req/s x${ratio.perSecond}, p50 x${ratio.p50}, p95 x${ratio.p95}, p99 x${ratio.p99}`);
  console.log(`  floor GET /api/health, ${o.searchConnections} connections: ${health.perSecond} req/s, p50 ${health.p50} / p95 ${health.p95} / p99 ${health.p99} ms; app ${healthCpu?.appPct ?? "?"} % CPU (${healthCpu ? r2((healthCpu.appPct * 10) / health.perSecond) : "?"} ms per answer), other processes ${healthCpu?.otherPct ?? "?"} %`);
  if (servers.length) {
    console.log(`  servers on the seeded database (106 entries), ${o.searchConnections} connections, ${o.floorSeconds} s per route, ${o.serverRounds} rounds (mean, then each round):`);
    // The app's CPU time per answer: less sensitive than req/s to how much CPU the others left it.
    const cpuMs = (r: FloorRun) => (r.cpu ? (r.cpu.appPct * 10) / r.perSecond : NaN);
    const mean = (xs: number[]) => r2(xs.reduce((a, x) => a + x, 0) / xs.length);
    for (const server of ["server.mjs", "next start"] as const) {
      const mine = servers.filter((x) => x.server === server);
      for (const name of mine[0]?.runs.map((r) => r.name) ?? []) {
        const runs = mine.map((x) => x.runs.find((r) => r.name === name)!);
        console.log(`    ${server.padEnd(10)} ${name.padEnd(34)} ${mean(runs.map((r) => r.perSecond))} req/s, p95 ${mean(runs.map((r) => r.p95))} ms, app CPU ${mean(runs.map(cpuMs))} ms per answer`);
        for (const [i, r] of runs.entries()) {
          console.log(`      round ${mine[i]!.round}: ${r.perSecond} req/s, p50 ${r.p50} / p95 ${r.p95} / p99 ${r.p99} ms, errors ${r.errors}; app CPU ${r2(cpuMs(r))} ms per answer; CPU app ${r.cpu?.appPct ?? "?"}, autocannon ${r.cpu?.benchPct ?? "?"}, other processes ${r.cpu?.otherPct ?? "?"}`);
        }
      }
    }
  }
  if (!o.skipPages) console.log(`  pages, ${o.pageConnections} connections, ${o.pageSeconds} s each, ${o.pageRounds} round(s); static /contact ${statics.map((r) => `${r.perSecond} (other processes ${r.cpu?.otherPct ?? "?"} % CPU)`).join(", ")} req/s (mean ${staticPerSecond}; ${staticCpuMs} ms of server CPU per answer)`);
  for (const p of pages) {
    console.log(`    ${p.path}: ${p.runs.map((r) => r.perSecond).join(", ")} req/s, mean ${p.perSecond} (${Math.round(p.shareOfStatic * 100)} % of static); p95 ${p.runs.map((r) => r.p95).join(", ")} ms; ${p.bytes} bytes, errors ${p.runs.reduce((a, r) => a + r.errors, 0)}, other processes ${p.runs.map((r) => r.cpu?.otherPct ?? "?").join(", ")} % CPU  -> budget >= ${BUDGET.pageShareOfStatic * 100} %: ${ok(p.budgetMet)}`);
    console.log(`      server CPU per answer ${p.cpuMsPerAnswer} ms: ${Math.round(p.cpuShareOfStatic * 100)} % of the static page's rate by CPU`);
  }
  console.log(`  whole run: ${Math.round((performance.now() - started) / 1000)} s`);
} finally {
  if (app) await app.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
fs.mkdirSync(path.join(here, "results"), { recursive: true });
const file = path.join(here, "results", `help-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
