// `npx tsx --conditions=react-server bench/monitoring.mts`: 500 HTTP monitors at a 30 s interval against test servers on the loopback
// interface, checked by the app's own job worker (monitoring.tick every 3 s). Reports the scheduler's drift
// (checked_at - scheduled_at of every check), checks per second, and the app's CPU use. SQLite, production
// build. See BENCHMARKS.md, "Monitoring".
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startApp, type AppServer } from "./server";
import { openSqlite } from "./db";
import { log, machine, writeResults } from "./report";
import { r1 } from "./stats";
import { cpuBusyPercent, loadAverage, machineTicks, processTicks, rssMb } from "./proc";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: { monitors: { type: "string" }, seconds: { type: "string" }, servers: { type: "string" } },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const o = {
  monitors: num(flags.monitors ?? process.env.BENCH_MON_MONITORS, 500),
  seconds: num(flags.seconds ?? process.env.BENCH_MON_SECONDS, 150),
  servers: num(flags.servers ?? process.env.BENCH_MON_SERVERS, 8),
  intervalS: 30,
  // The last test server answers one request in five after this delay (a slow target, well under the 5 s timeout).
  slowMs: 1500,
};
const BUDGET = { maxDriftMs: 2000 };

const busy = await cpuBusyPercent();
const info = { ...machine({}), cpuBusyBeforeStart: `${busy}%`, loadAverageBeforeStart: loadAverage() };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be skewed.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify(o)}`);

// ---- Test servers on 127.0.0.1: tiny bodies, 200 at once; the last one is sometimes slow.
let served = 0;
const servers: http.Server[] = [];
const ports: number[] = [];
for (let i = 0; i < o.servers; i++) {
  const slow = i === o.servers - 1;
  let n = 0;
  const srv = http.createServer((req, res) => {
    served++;
    const answer = () => res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    if (slow && n++ % 5 === 0) setTimeout(answer, o.slowMs);
    else answer();
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  servers.push(srv);
  ports.push((srv.address() as import("node:net").AddressInfo).port);
}
log(`test servers on 127.0.0.1: ${ports.join(", ")} (the last answers 1 request in 5 after ${o.slowMs} ms)`);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-mon-"));
const dbFile = path.join(workDir, "data", "mayak.sqlite");
let app: AppServer | undefined;
const result: Record<string, unknown> = { date: new Date().toISOString(), machine: info, options: o, budgets: BUDGET };
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
try {
  // First start: migrations and demo data. Then, with the app stopped, the 500 monitors (not yet due).
  app = await startApp({ root, workDir });
  await app.stop();
  app = undefined;
  const db = openSqlite(dbFile);
  if (db.dialect !== "sqlite") throw new Error("unreachable");
  const sq = db.sqlite;
  // The demo monitors (which check the app itself) are paused: only the benchmark's monitors run.
  const demoPaused = sq.prepare("update monitors set enabled = 0").run().changes;
  const now0 = Date.now();
  const far = now0 + 3_600_000;
  const insert = sq.prepare(`insert into monitors (component_id, name, kind, target, config, interval_s, timeout_ms, fail_threshold,
      recover_threshold, enabled, state, consecutive_failures, consecutive_successes, next_check_at, created_at, updated_at)
    values (null, ?, 'http', ?, '{}', ?, 5000, 3, 2, 1, 'pending', 0, 0, ?, ?, ?)`);
  const ids: number[] = [];
  sq.transaction(() => {
    for (let i = 0; i < o.monitors; i++) {
      const r = insert.run(`bench-${i + 1}`, `http://127.0.0.1:${ports[i % ports.length]}/health/${i + 1}`, o.intervalS, far, now0, now0);
      ids.push(Number(r.lastInsertRowid));
    }
  })();
  const [minId, maxId] = [ids[0]!, ids[ids.length - 1]!];
  log(`inserted ${o.monitors} monitors (ids ${minId}-${maxId}); ${demoPaused} demo monitors paused`);

  // Start the app, then make the monitors due, spread evenly over the first interval.
  app = await startApp({ root, workDir });
  log(`app healthy, pid ${app.pid}, RSS ${rssMb(app.pid)} MB`);
  await new Promise((r) => setTimeout(r, 3000));
  const t0 = Date.now() + 1000;
  const spread = sq.prepare("update monitors set next_check_at = ? where id = ?");
  sq.transaction(() => ids.forEach((id, i) => spread.run(t0 + Math.floor((i * o.intervalS * 1000) / o.monitors), id)))();
  const cpu0 = processTicks(app.pid)!;
  const m0 = machineTicks()!;
  const wall0 = performance.now();
  log(`monitors due from ${new Date(t0).toISOString()}, one every ${(o.intervalS * 1000) / o.monitors} ms; running ${o.seconds} s`);
  const rss: number[] = [];
  for (let s = 0; s < o.seconds; s += 15) {
    await new Promise((r) => setTimeout(r, Math.min(15, o.seconds - s) * 1000));
    const n = (sq.prepare("select count(*) as n from monitor_checks where monitor_id between ? and ?").get(minId, maxId) as { n: number })
      .n;
    rss.push(rssMb(app.pid) ?? 0);
    log(`  ${s + 15} s: ${n} checks recorded, app RSS ${rss[rss.length - 1]} MB, load average ${loadAverage()}`);
  }
  const cpu1 = processTicks(app.pid)!;
  const m1 = machineTicks()!;
  const wallS = (performance.now() - wall0) / 1000;
  const tEnd = Date.now();
  await app.stop();
  app = undefined;

  const ncpu = os.cpus().length;
  const appCpuS = (cpu1 - cpu0) / 100;
  const machineBusyPct = ((m1.busy - m0.busy) / (m1.all - m0.all)) * 100;
  const cpu = {
    appCpuSeconds: r1(appCpuS),
    appPctOfOneCore: r1((appCpuS / wallS) * 100),
    appPctOfMachine: r1((appCpuS / wallS / ncpu) * 100),
    machineBusyPct: r1(machineBusyPct),
    otherProcessesPctOfMachine: r1(machineBusyPct - (appCpuS / wallS / ncpu) * 100),
  };

  // ---- Drift of every check of the benchmark's monitors scheduled inside the run.
  const rows = sq
    .prepare(
      "select monitor_id as m, scheduled_at as s, checked_at as c, result as r, latency_ms as l from monitor_checks where monitor_id between ? and ? order by scheduled_at",
    )
    .all(minId, maxId) as { m: number; s: number; c: number; r: string; l: number | null }[];
  const drifts = rows.map((x) => x.c - x.s).sort((a, b) => a - b);
  const late = drifts.filter((d) => d > BUDGET.maxDriftMs).length;
  const byResult: Record<string, number> = {};
  for (const x of rows) byResult[x.r] = (byResult[x.r] ?? 0) + 1;
  // Drift by round (30 s windows of scheduled time), to see whether it grows.
  const rounds: { round: number; checks: number; p50: number; p95: number; max: number; over2s: number }[] = [];
  for (let k = 0; ; k++) {
    const from = t0 + k * o.intervalS * 1000;
    if (from > tEnd) break;
    const d = rows
      .filter((x) => x.s >= from && x.s < from + o.intervalS * 1000)
      .map((x) => x.c - x.s)
      .sort((a, b) => a - b);
    if (d.length)
      rounds.push({
        round: k + 1,
        checks: d.length,
        p50: pct(d, 50),
        p95: pct(d, 95),
        max: d[d.length - 1]!,
        over2s: d.filter((x) => x > BUDGET.maxDriftMs).length,
      });
  }
  // The effective interval: the gap between a monitor's consecutive scheduled times (jitter included).
  const gaps: number[] = [];
  const last = new Map<number, number>();
  for (const x of rows) {
    const p = last.get(x.m);
    if (p !== undefined) gaps.push(x.s - p);
    last.set(x.m, x.s);
  }
  gaps.sort((a, b) => a - b);
  // The tick jobs: when each was enqueued, and how long until it was finished (queue wait + run).
  const ticks = sq
    .prepare("select created_at as c, updated_at as u, status from jobs where type = 'monitoring.tick' and created_at >= ? order by id")
    .all(t0 - 5000) as { c: number; u: number; status: string }[];
  const tickGaps = ticks
    .slice(1)
    .map((t, i) => t.c - ticks[i]!.c)
    .sort((a, b) => a - b);
  const tickSpans = ticks
    .filter((t) => t.status === "done" || t.status === "completed")
    .map((t) => t.u - t.c)
    .sort((a, b) => a - b);
  const tickStatuses: Record<string, number> = {};
  for (const t of ticks) tickStatuses[t.status] = (tickStatuses[t.status] ?? 0) + 1;
  const perMonitor = new Map<number, number>();
  for (const x of rows) perMonitor.set(x.m, (perMonitor.get(x.m) ?? 0) + 1);
  const counts = [...perMonitor.values()].sort((a, b) => a - b);
  const lat = rows
    .map((x) => x.l)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  const dbMb = r1(fs.statSync(dbFile).size / 2 ** 20);
  sq.close();

  const drift = {
    checks: drifts.length,
    p50: pct(drifts, 50),
    p95: pct(drifts, 95),
    p99: pct(drifts, 99),
    max: drifts[drifts.length - 1],
    min: drifts[0],
    over2s: late,
    over2sPct: r1((late / drifts.length) * 100),
  };
  const checksPerSecond = r1(rows.length / wallS);
  Object.assign(result, {
    runSeconds: r1(wallS),
    testServerRequests: served,
    drift,
    rounds,
    checksPerSecond,
    byResult,
    latencyMs: { p50: pct(lat, 50), p95: pct(lat, 95), max: lat[lat.length - 1] },
    checksPerMonitor: {
      min: counts[0],
      median: counts[counts.length >> 1],
      max: counts[counts.length - 1],
      monitorsChecked: counts.length,
    },
    effectiveIntervalMs: gaps.length
      ? { p50: pct(gaps, 50), min: gaps[0], max: gaps[gaps.length - 1], mean: Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length) }
      : null,
    tickJobs: {
      count: ticks.length,
      statuses: tickStatuses,
      enqueueGapMs: tickGaps.length ? { p50: pct(tickGaps, 50), min: tickGaps[0], max: tickGaps[tickGaps.length - 1] } : null,
      enqueueToDoneMs: tickSpans.length ? { p50: pct(tickSpans, 50), p95: pct(tickSpans, 95), max: tickSpans[tickSpans.length - 1] } : null,
    },
    cpu,
    rssMb: rss,
    databaseMb: dbMb,
    loadAverageAtEnd: loadAverage(),
  });

  console.log(`\nMonitoring: ${o.monitors} HTTP monitors every ${o.intervalS} s, ${r1(wallS)} s run`);
  console.log(
    `  checks: ${rows.length} (${checksPerSecond}/s; needed ${r1(o.monitors / o.intervalS)}/s), results ${JSON.stringify(byResult)}, per monitor ${counts[0]}-${counts[counts.length - 1]}`,
  );
  console.log(
    `  drift ms: p50 ${drift.p50} / p95 ${drift.p95} / p99 ${drift.p99} / max ${drift.max}; over 2 s: ${late} (${drift.over2sPct} %)  -> budget every check within ${BUDGET.maxDriftMs} ms: ${late === 0 ? "met" : "MISSED"}`,
  );
  for (const r of rounds)
    console.log(`    round ${r.round}: ${r.checks} checks, drift p50 ${r.p50} / p95 ${r.p95} / max ${r.max} ms, over 2 s ${r.over2s}`);
  console.log(`  effective interval ms: ${JSON.stringify(result.effectiveIntervalMs)}`);
  console.log(`  tick jobs: ${JSON.stringify(result.tickJobs)}`);
  console.log(
    `  app CPU: ${cpu.appCpuSeconds} s over ${r1(wallS)} s = ${cpu.appPctOfOneCore} % of one core, ${cpu.appPctOfMachine} % of the machine (${ncpu} CPUs); machine busy ${cpu.machineBusyPct} %, other processes ${cpu.otherProcessesPctOfMachine} %`,
  );
  console.log(`  app RSS MB: ${rss.join(", ")}; database ${dbMb} MB; load average at the end ${loadAverage()}`);
} finally {
  if (app) await app.stop();
  for (const s of servers) s.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}
writeResults(path.join(here, "results"), "monitoring", result);
