// `npx tsx --conditions=react-server bench/status.mts`: the status page's budget. /status and /ru/status against the static
// /contact page, served by the same production server in the same run, on a new SQLite database with the
// demo data (components, 90 days of rollups, incidents). Loopback only. See BENCHMARKS.md, "Status page".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startApp, type AppServer } from "./server";
import { USER_AGENT } from "./http";
import { log, machine, writeResults } from "./report";
import { cpuBusyPercent, loadAverage, rssMb } from "./proc";
import { cpuMsPerAnswer, measurePage, type Page, type PageRun } from "./pages";
import { r2 } from "./stats";
import { openSqlite } from "./db";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: { seconds: { type: "string" }, connections: { type: "string" }, rounds: { type: "string" } },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const o = {
  seconds: num(flags.seconds ?? process.env.BENCH_STATUS_SECONDS, 10),
  connections: num(flags.connections ?? process.env.BENCH_STATUS_CONNECTIONS, 10),
  // Each round loads every page once; the figures are means over the rounds (a shared machine is noisy).
  rounds: num(flags.rounds ?? process.env.BENCH_STATUS_ROUNDS, 1),
  warmupSeconds: 2,
};
const BUDGET = { shareOfStatic: 0.8 };
const STATIC: Page = { name: "contact (static)", path: "/contact", expect: "<h1" };
const PAGES: Page[] = [
  { name: "status (en)", path: "/status", expect: "<h1" },
  { name: "status (ru)", path: "/ru/status", expect: "<h1" },
];

const busy = await cpuBusyPercent();
const info = { ...machine({}), cpuBusyBeforeStart: `${busy}%`, loadAverageBeforeStart: loadAverage() };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify(o)}`);

type Run = PageRun & { cpuMsPerRequest: number | null };

async function bench(app: AppServer, page: Page): Promise<Run> {
  const run = await measurePage(app, page, o);
  const ms = cpuMsPerAnswer(run);
  const cpuMsPerRequest = ms === undefined ? null : r2(ms);
  log(
    `  ${page.path}: ${run.perSecond} req/s, p50 ${run.p50} / p95 ${run.p95} / p99 ${run.p99} ms, ${run.errors} errors; CPU ${JSON.stringify(run.cpu)}, ${cpuMsPerRequest} ms of server CPU per request`,
  );
  return { ...run, cpuMsPerRequest };
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-status-"));
let app: AppServer | undefined;
const result: Record<string, unknown> = { date: new Date().toISOString(), machine: info, options: o, budgets: BUDGET };
try {
  const t0 = performance.now();
  app = await startApp({ root, workDir });
  log(`started on a new database (migrate, seed): ${Math.round(performance.now() - t0)} ms, RSS ${rssMb(app.pid) ?? "?"} MB`);
  // What the status page shows: the seeded demo data.
  const db = openSqlite(path.join(workDir, "data", "mayak.sqlite"));
  const count = (sql: string) => (db.dialect === "sqlite" ? (db.sqlite.prepare(sql).get() as { n: number }).n : 0);
  const data = {
    components: count("select count(*) as n from status_components"),
    monitors: count("select count(*) as n from monitors"),
    rollups: count("select count(*) as n from monitor_rollups"),
    incidents: count("select count(*) as n from incidents"),
  };
  if (db.dialect === "sqlite") db.sqlite.close();
  log(`status data: ${JSON.stringify(data)}`);
  // The server runs the build the benchmark meant (NEXT_DIST_DIR): its pages name that build's id.
  const buildId = fs.readFileSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
  const servesBuild = (await (await fetch(`${app.base}/contact`, { headers: { "user-agent": USER_AGENT } })).text()).includes(buildId);
  log(`build ${buildId} (${process.env.NEXT_DIST_DIR || ".next"}) served: ${servesBuild}`);
  if (!servesBuild) throw new Error("The server does not serve the expected build.");
  Object.assign(result, { buildDir: process.env.NEXT_DIST_DIR || ".next", buildId });

  // Static, the status pages, static again: the spread between the two static runs is the noise of the run.
  const runs: Run[] = [await bench(app, STATIC)];
  for (let round = 0; round < o.rounds; round++) {
    for (const p of PAGES) runs.push(await bench(app, p));
    runs.push(await bench(app, STATIC));
  }
  const mean = (xs: number[]) => r2(xs.reduce((a, b) => a + b, 0) / xs.length);
  const statics = runs.filter((r) => r.path === STATIC.path);
  const staticPerSecond = mean(statics.map((r) => r.perSecond));
  const cpuMs = (rs: Run[]) => (rs.every((r) => r.cpuMsPerRequest !== null) ? mean(rs.map((r) => r.cpuMsPerRequest!)) : null);
  const staticCpuMs = cpuMs(statics);
  const pages = PAGES.map((p) => {
    const mine = runs.filter((r) => r.path === p.path);
    const perSecond = mean(mine.map((r) => r.perSecond));
    const pageCpuMs = cpuMs(mine);
    return {
      path: p.path,
      runs: mine,
      bytes: mine[0]!.bytes,
      cache: mine[0]!.cache,
      perSecond,
      shareOfStatic: r2(perSecond / staticPerSecond),
      budgetMet: perSecond / staticPerSecond >= BUDGET.shareOfStatic,
      cpuMsPerRequest: pageCpuMs,
      // Requests a second the server's CPU allows, relative to the static page: the same ratio, less disturbed by other load.
      cpuShareOfStatic: staticCpuMs !== null && pageCpuMs !== null ? r2(staticCpuMs / pageCpuMs) : null,
    };
  });
  Object.assign(result, {
    data,
    staticRuns: statics,
    staticPerSecond,
    staticCpuMsPerRequest: staticCpuMs,
    pages,
    loadAverageAtEnd: loadAverage(),
  });

  console.log(
    `\nStatus page, ${o.connections} connections, ${o.seconds} s each (after ${o.warmupSeconds} s warm-up), ${o.rounds} round(s)`,
  );
  console.log(
    `  static /contact: ${statics.map((r) => `${r.perSecond} req/s (p95 ${r.p95} ms, other processes ${r.cpu?.otherPct ?? "?"} % CPU)`).join(", ")}; mean ${staticPerSecond} req/s, ${staticCpuMs} ms of server CPU per request`,
  );
  for (const p of pages) {
    const others = p.runs.map((r) => r.cpu?.otherPct ?? "?").join(", ");
    console.log(
      `  ${p.path}: ${p.runs.map((r) => r.perSecond).join(", ")} req/s, mean ${p.perSecond} (${Math.round(p.shareOfStatic * 100)} % of static); p95 ${p.runs.map((r) => r.p95).join(", ")} ms; ${p.bytes} bytes, x-nextjs-cache ${p.cache ?? "-"}, errors ${p.runs.reduce((a, r) => a + r.errors, 0)}, other processes ${others} % CPU  -> budget >= ${BUDGET.shareOfStatic * 100} %: ${p.budgetMet ? "met" : "MISSED"}`,
    );
    console.log(
      `    server CPU per request ${p.cpuMsPerRequest} ms: ${p.cpuShareOfStatic === null ? "?" : Math.round(p.cpuShareOfStatic * 100)} % of the static page's rate by CPU`,
    );
  }
  console.log(`  load average at the end: ${loadAverage()}`);
} finally {
  if (app) await app.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
writeResults(path.join(here, "results"), "status", result);
