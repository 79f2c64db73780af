// `npx tsx --conditions=react-server bench/page-cache.mts`: the pages server.mjs answers from memory (status
// page, /api/status, help center, FAQ) against a bare node:http server returning the same bytes, in the same
// run, with 50 components and 500 monitors running; then a burst of 10,000 requests from 200 connections.
// Loopback only. See BENCHMARKS.md, "Status page served from memory".
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freePort, startApp, type AppServer } from "./server";
import { load, USER_AGENT } from "./http";
import { log, machine, writeResults } from "./report";
import { cpuBusyPercent, cpuShare, loadAverage, processTicks } from "./proc";
import { r2 } from "./stats";
import { openSqlite } from "./db";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: {
    seconds: { type: "string" },
    connections: { type: "string" },
    components: { type: "string" },
    monitors: { type: "string" },
    rounds: { type: "string" },
    // Only the sizes, and the pages kept in a folder to read (a quick check while working on the page).
    "sizes-only": { type: "boolean" },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const o = {
  seconds: num(flags.seconds ?? process.env.BENCH_CACHE_SECONDS, 8),
  connections: num(flags.connections ?? process.env.BENCH_CACHE_CONNECTIONS, 10),
  components: num(flags.components, 50),
  monitors: num(flags.monitors, 500),
  rounds: num(flags.rounds ?? process.env.BENCH_CACHE_ROUNDS, 1),
  warmupSeconds: 2,
  burst: { requests: 10_000, connections: 200 },
};
const BUDGET = { shareOfBare: 0.7, perSecond: 5000, burstP99Ms: 100, rawKb: 60, compressedKb: 12 };
const DAY = 86_400_000;

const busy = await cpuBusyPercent();
const info = { ...machine({}), cpuBusyBeforeStart: `${busy}%`, loadAverageBeforeStart: loadAverage() };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify(o)}`);

/** Test servers the monitors check: a plain 200. */
async function startTargets(n: number): Promise<{ ports: number[]; close(): void }> {
  const servers: http.Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = http.createServer((_req, res) => res.end("ok"));
    const port = await freePort();
    await new Promise<void>((r) => s.listen(port, "127.0.0.1", r));
    servers.push(s);
    ports.push(port);
  }
  return { ports, close: () => servers.forEach((s) => s.close()) };
}

/** Adds components (in groups) up to `components`, monitors up to `monitors`, each with the demo's 90-day history. */
function scaleUp(dbFile: string, ports: number[]) {
  const db = openSqlite(dbFile);
  if (db.dialect !== "sqlite") throw new Error("unreachable");
  const sq = db.sqlite;
  const now = Date.now();
  const one = <T,>(sql: string, ...p: unknown[]) => sq.prepare(sql).get(...p) as T;
  const have = one<{ n: number }>("select count(*) as n from status_components").n;
  // The history to copy: a demo monitor's day and hour rollups.
  const source = one<{ id: number }>("select monitor_id as id from monitor_rollups group by monitor_id order by count(*) desc limit 1").id;
  sq.transaction(() => {
    const groups: number[] = [];
    for (const [en, ru] of [
      ["Regions", "Регионы"],
      ["Integrations", "Интеграции"],
      ["Mobile", "Мобильные приложения"],
    ]) {
      groups.push(
        Number(
          sq
            .prepare("insert into status_groups (name_en, name_ru, position, created_at) values (?, ?, ?, ?)")
            .run(en, ru, 10 + groups.length, now - 91 * DAY).lastInsertRowid,
        ),
      );
    }
    const addComponent = sq.prepare(`insert into status_components (group_id, slug, name_en, name_ru, description_en, description_ru,
      status, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'operational', ?, ?, ?)`);
    for (let i = have; i < o.components; i++) {
      const n = i - have + 1;
      addComponent.run(
        groups[n % groups.length],
        `bench-component-${n}`,
        `Service ${n}`,
        `Сервис ${n}`,
        `Customer-facing service number ${n}.`,
        `Сервис для клиентов номер ${n}.`,
        100 + n,
        now - 91 * DAY,
        now - 5 * DAY,
      );
    }
    const components = (sq.prepare("select id from status_components order by id").all() as { id: number }[]).map((r) => r.id);
    const haveMonitors = one<{ n: number }>("select count(*) as n from monitors").n;
    const addMonitor = sq.prepare(`insert into monitors (component_id, name, kind, target, config, interval_s, timeout_ms, fail_threshold,
      recover_threshold, enabled, state, consecutive_failures, consecutive_successes, next_check_at, created_at, updated_at)
      values (?, ?, 'http', ?, '{}', 30, 5000, 3, 2, 1, 'up', 0, 0, ?, ?, ?)`);
    const copy = sq.prepare(`insert into monitor_rollups (monitor_id, period, bucket_start, checks, up, degraded, down, maintenance,
      latency_sum, latency_count, latency_max) select ?, period, bucket_start, checks, up, degraded, down, maintenance, latency_sum,
      latency_count, latency_max from monitor_rollups where monitor_id = ?`);
    for (let i = haveMonitors; i < o.monitors; i++) {
      const componentId = components[i % components.length]!;
      const id = Number(
        addMonitor.run(
          componentId,
          `bench-${i + 1}`,
          `http://127.0.0.1:${ports[i % ports.length]}/h/${i}`,
          now + (i * 30_000) / o.monitors,
          now,
          now,
        ).lastInsertRowid,
      );
      copy.run(id, source);
    }
  })();
  const count = (t: string) => one<{ n: number }>(`select count(*) as n from ${t}`).n;
  const data = {
    components: count("status_components"),
    monitors: count("monitors"),
    rollups: count("monitor_rollups"),
    incidents: count("incidents"),
  };
  const article = one<{ slug: string }>(
    "select slug from kb_articles where status = 'published' and locale = 'en' order by id limit 1",
  ).slug;
  const category = one<{ category: string } | undefined>(
    "select category from kb_articles where status = 'published' and locale = 'en' order by id limit 1",
  )?.category;
  sq.close();
  return { data, article, category };
}

/** Counts a change to the status area, as a staff edit does (every instance re-renders its status pages). */
function statusChanged(dbFile: string) {
  const db = openSqlite(dbFile);
  if (db.dialect !== "sqlite") throw new Error("unreachable");
  db.sqlite.prepare("update page_cache_versions set version = version + 1, changed_at = ? where area = 'status'").run(Date.now());
  db.sqlite.close();
}

/** A bare node:http server in its own process, answering each path with the given bytes from memory. */
async function startBare(pages: { path: string; type: string; body: Buffer; encoding?: string }[], dir: string) {
  const manifest = pages.map((p, i) => {
    const file = path.join(dir, `bare-${i}`);
    fs.writeFileSync(file, p.body);
    return { path: p.path, type: p.type, file, encoding: p.encoding };
  });
  fs.writeFileSync(path.join(dir, "bare.json"), JSON.stringify(manifest));
  const port = await freePort();
  const script = `
    const http = require("node:http"); const fs = require("node:fs");
    const pages = new Map(JSON.parse(fs.readFileSync(process.argv[1], "utf8")).map((p) => [p.path, { type: p.type, encoding: p.encoding, body: fs.readFileSync(p.file) }]));
    http.createServer((req, res) => {
      const p = pages.get(req.url);
      if (!p) { res.statusCode = 404; res.end(); return; }
      const h = { "Content-Type": p.type, "Content-Length": p.body.length };
      if (p.encoding) h["Content-Encoding"] = p.encoding;
      res.writeHead(200, h);
      res.end(p.body);
    }).listen(${port}, "127.0.0.1", () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", script, path.join(dir, "bare.json")], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

/** CPU ticks of the processes `pid` started (server.mjs's render process), summed. */
function childTicks(pid: number): number {
  let ids: string[] = [];
  try {
    ids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    return 0;
  }
  return ids.reduce((sum, id) => sum + (processTicks(Number(id)) ?? 0), 0);
}

async function measure(target: { base: string; pid: number }, p: string) {
  const request = { method: "GET" as const, path: p, headers: { "user-agent": USER_AGENT } };
  await load({ base: target.base, request, connections: o.connections, seconds: o.warmupSeconds });
  const share = cpuShare(target.pid);
  const children0 = childTicks(target.pid);
  const run = await load({ base: target.base, request, connections: o.connections, seconds: o.seconds });
  const cpu = share();
  const cpuUsPerAnswer = cpu ? r2(((cpu.appPct / 100) * run.seconds * 1e6) / run.ops) : null;
  // The render process's CPU over the run (status renders: the minute's refresh, changes), in ms; 0 for the bare server.
  const renderCpuMs = (childTicks(target.pid) - children0) * 10;
  return { perSecond: run.perSecond, p50: run.p50, p99: run.p99, errors: run.errors, cpuUsPerAnswer, renderCpuMs, otherPct: cpu?.otherPct };
}

/**
 * `requests` at `connections`; `midway` runs once a quarter of them are answered (a change to the status page
 * landing in the middle of the stampede).
 */
async function burst(base: string, p: string, encoding: string, midway?: () => void) {
  const latencies: number[] = [];
  let non2xx = 0;
  const instance = autocannon({
    url: base,
    connections: o.burst.connections,
    amount: o.burst.requests,
    timeout: 30,
    requests: [{ method: "GET", path: p, headers: { "user-agent": USER_AGENT, "accept-encoding": encoding } }],
  });
  let answered = 0;
  instance.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else non2xx++;
    if (++answered === o.burst.requests / 4) midway?.();
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => r2(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN);
  return { answered: latencies.length, errors: result.errors + result.timeouts, non2xx, p50: pct(0.5), p99: pct(0.99), max: pct(1) };
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-cache-"));
const targets = await startTargets(4);
let app: AppServer | undefined;
let bare: Awaited<ReturnType<typeof startBare>> | undefined;
const result: Record<string, unknown> = { date: new Date().toISOString(), machine: info, options: o, budgets: BUDGET };
try {
  app = await startApp({ root, workDir });
  await app.stop();
  const dbFile = path.join(workDir, "data", "mayak.sqlite");
  const scaled = scaleUp(dbFile, targets.ports);
  log(`status data: ${JSON.stringify(scaled.data)}`);
  app = await startApp({ root, workDir });
  await new Promise((r) => setTimeout(r, 3000));

  const paths = ["/status", "/ru/status", "/api/status", "/help", `/help/articles/${scaled.article}`, "/faq", "/ru/faq"];
  if (scaled.category) paths.push(`/help/${scaled.category}`);
  const pages: { path: string; type: string; body: Buffer; br: number; gzip: number; cached: string | null }[] = [];
  for (const p of paths) {
    await fetch(app.base + p, { headers: { "user-agent": USER_AGENT } }).then((r) => r.arrayBuffer());
    const res = await fetch(app.base + p, { headers: { "user-agent": USER_AGENT, "accept-encoding": "identity" } });
    if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    pages.push({
      path: p,
      type: res.headers.get("content-type") ?? "",
      body,
      cached: res.headers.get("x-page-cache"),
      br: zlib.brotliCompressSync(body).length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
    });
    log(
      `  ${p}: ${body.length} bytes (br ${pages.at(-1)!.br}, gzip ${pages.at(-1)!.gzip}), x-page-cache ${res.headers.get("x-page-cache")}`,
    );
  }
  // What one render costs the app: the pages rendered by Next per request (a session cookie, even an unknown
  // one, bypasses the cache), one after the other, the app's CPU time over them divided by their number.
  const renders: { path: string; cpuMsPerRender: number; wallMs: number }[] = [];
  for (const p of ["/status", "/ru/status", "/api/status", "/help"]) {
    const n = 8;
    const headers = { "user-agent": USER_AGENT, cookie: "next-auth.session-token=bench-no-session" };
    await fetch(app.base + p, { headers }).then((r) => r.arrayBuffer());
    const t0 = processTicks(app.pid)!;
    const w0 = performance.now();
    for (let i = 0; i < n; i++) await fetch(app.base + p, { headers }).then((r) => r.arrayBuffer());
    const cpuMsPerRender = r2(((processTicks(app.pid)! - t0) * 10) / n);
    renders.push({ path: p, cpuMsPerRender, wallMs: r2((performance.now() - w0) / n) });
    log(`  render through Next ${p}: ${cpuMsPerRender} ms of app CPU, ${renders.at(-1)!.wallMs} ms wall, each (${n} in a row)`);
  }
  result.renders = renders;
  if (flags["sizes-only"]) {
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-pages-"));
    pages.forEach((p, i) => fs.writeFileSync(path.join(keep, `${i}-${p.path.replace(/\W+/g, "_")}`), p.body));
    log(`pages kept in ${keep}`);
  }
  // The bare server also holds each page's brotli bytes at <path>?br, for the burst (clients that take brotli).
  const brCopies = pages.map((p) => ({ path: `${p.path}?br`, type: p.type, body: zlib.brotliCompressSync(p.body), encoding: "br" }));
  bare = flags["sizes-only"] ? undefined : await startBare([...pages, ...brCopies], workDir);

  const rows = [];
  // Rounds: the bare server and the app one after the other on each page, again and again (the machine's
  // load moves; each round pairs the two under about the same load).
  for (let round = 1; bare && round <= o.rounds; round++) {
    for (const page of pages) {
      const b = await measure(bare, page.path);
      const a = await measure(app, page.path);
      const share = r2(a.perSecond / b.perSecond);
      const row = {
        round,
        path: page.path,
        bytes: page.body.length,
        br: page.br,
        gzip: page.gzip,
        cached: page.cached,
        bare: b,
        app: a,
        share,
      };
      log(
        `  round ${round} ${page.path}: app ${a.perSecond} req/s (${a.cpuUsPerAnswer} us CPU each), bare ${b.perSecond} req/s (${b.cpuUsPerAnswer} us): ${Math.round(row.share * 100)} %, load ${loadAverage()}`,
      );
      rows.push(row);
    }
  }
  const bursts = [];
  for (let round = 1; bare && round <= o.rounds; round++) {
    for (const p of ["/status", "/ru/status", "/api/status"]) {
      // The bare server's burst first, with the same brotli bytes: what the machine itself allows at 200
      // connections in this run.
      const b = await burst(bare.base, `${p}?br`, "br");
      log(`  round ${round} bare burst ${p}: ${JSON.stringify(b)}`);
      // The page as visitors find it when an outage starts: read a moment ago (a stampede meets a visited page).
      await fetch(app.base + p, { headers: { "user-agent": USER_AGENT } }).then((r) => r.arrayBuffer());
      const quiet = await burst(app.base, p, "br, gzip");
      log(`  round ${round} burst ${p}: ${JSON.stringify(quiet)}, load ${loadAverage()}`);
      // Again, and a quarter of the way in the status page changes (as the outage is declared): every status page
      // visited lately is rendered again while the burst goes on.
      const changed = await burst(app.base, p, "br, gzip", () => statusChanged(dbFile));
      log(`  round ${round} burst ${p} with a change: ${JSON.stringify(changed)}, load ${loadAverage()}`);
      bursts.push({ round, path: p, ...quiet, changed, bare: b });
    }
  }
  // What the server said about its page cache during the run (renders slower than a second, failures).
  const said = fs
    .readFileSync(app.logFile, "utf8")
    .split("\n")
    .filter((l) => l.includes("page cache"));
  log(`server log, page cache lines: ${said.length}${said.length ? `\n    ${said.slice(-20).join("\n    ")}` : ""}`);
  Object.assign(result, { data: scaled.data, pages: rows, bursts, serverLog: said, loadAverageAtEnd: loadAverage() });

  console.log(
    `\nPages from memory, ${o.connections} connections, ${o.seconds} s each after ${o.warmupSeconds} s warm-up; ${JSON.stringify(scaled.data)}`,
  );
  console.log(
    "| round | page | bytes (br / gzip) | app req/s | bare req/s | share | app CPU per answer | bare CPU per answer | p99 ms | render process CPU ms | other CPU % |",
  );
  for (const r of rows)
    console.log(
      `| ${r.round} | \`${r.path}\` | ${r.bytes} (${r.br} / ${r.gzip}) | ${r.app.perSecond} | ${r.bare.perSecond} | ${Math.round(r.share * 100)} % | ${r.app.cpuUsPerAnswer} us | ${r.bare.cpuUsPerAnswer} us | ${r.app.p99} | ${r.app.renderCpuMs} | ${r.app.otherPct ?? "?"} |`,
    );
  for (const b of bursts)
    console.log(
      `round ${b.round} burst ${b.path}: ${b.answered} answered, ${b.errors} errors, ${b.non2xx} non-2xx, p50 ${b.p50} ms, p99 ${b.p99} ms, max ${b.max} ms; with a change: ${b.changed.answered} answered, ${b.changed.errors} errors, ${b.changed.non2xx} non-2xx, p50 ${b.changed.p50} ms, p99 ${b.changed.p99} ms, max ${b.changed.max} ms (bare: p50 ${b.bare.p50} ms, p99 ${b.bare.p99} ms, max ${b.bare.max} ms)`,
    );
} finally {
  bare?.stop();
  if (app) await app.stop();
  targets.close();
  fs.rmSync(workDir, { recursive: true, force: true });
}
writeResults(path.join(here, "results"), "page-cache", result);
