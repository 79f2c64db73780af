// The embedded search engine in this process, without HTTP: index build time and the cost of one uncached
// search over the help-center benchmark's 10,106 entries, for the engine in the working tree and for an
// earlier version of it (checked out from git into a temporary folder), in the same run, each engine in a
// process of its own. Each query is timed --rounds times (median), never from the answer cache.
//
//   npx tsx --conditions=react-server bench/search-engine.mts [--baseline=<git revision>] [--distinct=300] [--rounds=3] [--articles=10000] [--skip-baseline]
//
// The corpus is the one bench/help.mts measures over HTTP: a temporary SQLite database gets the real
// help-center content (as the app's first start syncs it) and the 10,000 generated articles of
// bench/help-corpus.ts (seeded: the same articles every run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { distinctQueries, generateArticles, insertArticles, QUERIES, type SourceArticle } from "./help-corpus";
import { openSqlite } from "./db";
import { r2, summarize } from "./stats";
import { log, machine } from "./report";
import { cpuBusyPercent } from "./proc";
import { openDatabase } from "../server/db/connect";
import { migrateToLatest } from "../server/db/migrate";
import { readContentDir } from "../server/kb/content-files";
import { syncContent } from "../server/kb/sync-content";
import { markdownToText } from "../server/kb/markdown";
import { systemCtx } from "../server/context";
import { createOramaEngine } from "../server/search/orama-engine";
import { loadSearchDocs } from "../server/search/search-docs";
import type { SearchDoc, SearchEngine, SearchRequest, SearchResult } from "../server/search/engine";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: {
    baseline: { type: "string" },
    distinct: { type: "string" },
    articles: { type: "string" },
    rounds: { type: "string" },
    // Internal: each engine is measured in a process of its own (a fresh heap), on the parent's database.
    phase: { type: "string" },
    work: { type: "string" },
    "skip-baseline": { type: "boolean" },
  },
});
// The engine before the changes of the help center's search work (tolerance 0, answer cache): 88a84b5.
const baselineRev = flags.baseline ?? "88a84b5";
const o = {
  articles: Number(flags.articles ?? 10_000),
  distinct: Number(flags.distinct ?? 300),
  // Each query is timed this many times (with a different page size, so never from the answer cache): the median counts.
  rounds: Number(flags.rounds ?? 3),
  warmup: 60,
};
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const phase = flags.phase as "baseline" | "current" | undefined;
const busyBefore = phase ? 0 : await cpuBusyPercent();
if (!phase) log(`machine: ${JSON.stringify(machine({}))}; CPUs ${busyBefore}% busy before the run`);

// ---- The corpus, in a temporary SQLite database (made by the parent process, read by each phase).
const workDir = flags.work ?? fs.mkdtempSync(path.join(os.tmpdir(), "mayak-bench-search-"));
const dbFile = path.join(workDir, "mayak.sqlite");
const queriesFile = path.join(workDir, "queries.json");
const db = openDatabase(`file:${dbFile}`);
let corpusSize = 0;
if (!phase) {
  await migrateToLatest(db);
  const content = await readContentDir(path.join(root, "content"));
  if (content.errors.length) throw new Error(`content: ${content.errors.map((e) => e.message).join("; ")}`);
  await syncContent(db, systemCtx(), content.files);
  const raw = openSqlite(dbFile);
  if (raw.dialect !== "sqlite") throw new Error("unreachable");
  const sources = raw.sqlite
    .prepare("select kind, slug, locale, category, title, summary, tags, body from kb_articles where status = 'published'")
    .all() as SourceArticle[];
  const articles = generateArticles(sources, o.articles);
  insertArticles(raw.sqlite, articles);
  raw.sqlite.close();
  const distinct = distinctQueries(articles, o.distinct + o.warmup);
  fs.writeFileSync(queriesFile, JSON.stringify({ warmup: distinct.slice(o.distinct), measured: distinct.slice(0, o.distinct) }));
  corpusSize = sources.length + articles.length;
  log(`corpus: ${sources.length} real + ${articles.length} generated entries; ${o.distinct} distinct queries (+${o.warmup} for warm-up)`);
}
const { warmup: warmupQueries, measured: measuredDistinct } = JSON.parse(fs.readFileSync(queriesFile, "utf8")) as Record<
  "warmup" | "measured",
  { q: string; locale: "en" | "ru" }[]
>;

interface Measured {
  label: string;
  buildMs: Record<string, number>;
  rssMb: number;
  real: ReturnType<typeof summarize> & { mean: number };
  distinct: ReturnType<typeof summarize> & { mean: number };
  cached: number;
  answers: [string, { total: number; ids: number[]; slugs: string[] }][];
}

const req = (q: { q: string; locale: "en" | "ru" }, round = 0): SearchRequest => ({
  q: q.q,
  locale: q.locale,
  limit: 10 + round,
  offset: 0,
});

/** Each query, one at a time, never from the engine's answer cache (each round asks for another page size): the median of the rounds. */
async function timeQueries(engine: SearchEngine, queries: { q: string; locale: "en" | "ru" }[], answers: Map<string, SearchResult>) {
  const times: number[][] = queries.map(() => []);
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < queries.length; i++) {
      const t = performance.now();
      const res = await engine.search(req(queries[i]!, round));
      times[i]!.push(performance.now() - t);
      if (round === 0) answers.set(`${queries[i]!.locale}:${queries[i]!.q}`, res);
    }
  }
  const medians = times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]!);
  const s = summarize(medians, 1, 0);
  return { ...s, mean: r2(medians.reduce((a, b) => a + b, 0) / medians.length) };
}

async function measure(label: string, engine: SearchEngine, build: () => Promise<Record<string, number>>): Promise<Measured> {
  const buildMs = await build();
  log(`${label}: build ${JSON.stringify(buildMs)}, RSS ${mb()} MB`);
  const answers = new Map<string, SearchResult>();
  await timeQueries(engine, warmupQueries, new Map());
  const real = await timeQueries(engine, QUERIES, answers);
  // The same queries again, as their last round asked them: answered from the cache.
  const t = performance.now();
  for (const q of QUERIES) await engine.search(req(q, o.rounds - 1));
  const cached = Math.round(((performance.now() - t) / QUERIES.length) * 1000) / 1000;
  const dist = await timeQueries(engine, measuredDistinct, answers);
  log(
    `${label}: 36 real queries mean ${real.mean} / p50 ${real.p50} / p95 ${real.p95} / max ${real.max} ms; ${measuredDistinct.length} distinct mean ${dist.mean} / p50 ${dist.p50} / p95 ${dist.p95} / max ${dist.max} ms; cached ${cached} ms`,
  );
  const compact = [...answers].map(([k, r]): Measured["answers"][number] => [
    k,
    { total: r.total, ids: r.hits.map((h) => h.id), slugs: r.hits.map((h) => h.slug) },
  ]);
  return { label, buildMs, rssMb: mb(), real, distinct: dist, cached, answers: compact };
}

const resultFile = (p: string) => path.join(workDir, `${p}.json`);

// ---- The earlier engine, from git, in a temporary folder outside the working tree.
if (phase === "baseline") {
  const dir = path.join(workDir, "baseline");
  fs.mkdirSync(path.join(dir, "server", "search"), { recursive: true });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  // The engine's files at that revision (those it did not have yet are skipped); ../db/schema is imported for types only.
  const files = execFileSync("git", ["ls-tree", "--name-only", `${baselineRev}:server/search`], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter(
      (f) =>
        f.endsWith(".ts") && !f.endsWith(".test.ts") && !["index.ts", "meili-engine.ts", "search-docs.ts", "sql-search.ts"].includes(f),
    );
  for (const f of files) {
    const text = execFileSync("git", ["show", `${baselineRev}:server/search/${f}`], { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 });
    fs.writeFileSync(path.join(dir, "server", "search", f), text);
  }
  const old = (await import(pathToFileURL(path.join(dir, "server", "search", "orama-engine.ts")).href)) as {
    createOramaEngine: () => SearchEngine;
  };
  const engine = old.createOramaEngine();
  fs.writeFileSync(
    resultFile(phase),
    JSON.stringify(
      await measure(`baseline ${baselineRev}`, engine, async () => {
        // As the earlier app did at start: every published row, its Markdown converted to text, then replaceAll.
        const raw2 = openSqlite(dbFile);
        if (raw2.dialect !== "sqlite") throw new Error("unreachable");
        let t = performance.now();
        const rows = raw2.sqlite.prepare("select * from kb_articles where status = 'published' order by id").all() as Record<
          string,
          never
        >[];
        raw2.sqlite.close();
        const selectMs = performance.now() - t;
        t = performance.now();
        const docs: SearchDoc[] = rows.map((a) => ({
          id: a.id,
          slug: a.slug,
          kind: a.kind,
          locale: a.locale,
          category: a.category,
          title: a.title,
          summary: a.summary,
          tags: JSON.parse(a.tags) as string[],
          text: markdownToText(a.body),
          updatedAt: a.updated_at,
        }));
        const textMs = performance.now() - t;
        t = performance.now();
        await engine.replaceAll(docs);
        return { select: Math.round(selectMs), markdownToText: Math.round(textMs), replaceAll: Math.round(performance.now() - t) };
      }),
    ),
  );
}

// ---- The engine of the working tree, built the way the app builds it at start (prepare, not awaited by boot):
// the first start after the 10,000 rows were inserted also stores their plain text; later starts read it.
if (phase === "current") {
  const engine = createOramaEngine({ fallback: async () => ({ hits: [], total: 0 }) });
  fs.writeFileSync(
    resultFile(phase),
    JSON.stringify(
      await measure("working tree", engine, async () => {
        const delay = monitorEventLoopDelay({ resolution: 1 });
        let t = performance.now();
        const firstLoad = await loadSearchDocs(db);
        const firstLoadMs = performance.now() - t;
        delay.enable();
        t = performance.now();
        await engine.prepare(() => loadSearchDocs(db));
        const prepareMs = performance.now() - t;
        delay.disable();
        t = performance.now();
        const docs = await loadSearchDocs(db);
        const loadMs = performance.now() - t;
        if (docs.length !== firstLoad.length) throw new Error("different document counts");
        t = performance.now();
        await engine.replaceAll(docs);
        return {
          "first load (stores the text)": Math.round(firstLoadMs),
          "prepare (load + build)": Math.round(prepareMs),
          "longest event-loop block in prepare": Math.round(delay.max / 1e6),
          load: Math.round(loadMs),
          replaceAll: Math.round(performance.now() - t),
        };
      }),
    ),
  );
}
if (phase) {
  await db.destroy();
  process.exit(0);
}

const results: Measured[] = [];
for (const p of flags["skip-baseline"] ? ["current"] : ["baseline", "current"]) {
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2), `--phase=${p}`, `--work=${workDir}`],
    { stdio: "inherit" },
  );
  results.push(JSON.parse(fs.readFileSync(resultFile(p), "utf8")) as Measured);
}

// ---- How far the answers moved: the top 3 and the totals of each query, against the first engine measured.
if (results.length === 2) {
  const [a, b] = results as [Measured, Measured];
  const bAnswers = new Map(b.answers);
  let sameTop1 = 0;
  let sameSource1 = 0;
  let overlap3 = 0;
  // A generated article's slug is its source entry's slug and a number: many are near copies of each other.
  const source = (slug: string | undefined) => slug?.replace(/-\d+$/, "");
  let n = 0;
  const totals: number[] = [];
  for (const [key, ra] of a.answers) {
    const rb = bAnswers.get(key);
    if (!rb) continue;
    n++;
    if (ra.ids[0] === rb.ids[0]) sameTop1++;
    if (source(ra.slugs[0]) === source(rb.slugs[0])) sameSource1++;
    const top3 = new Set(ra.ids.slice(0, 3));
    overlap3 += rb.ids.slice(0, 3).filter((id) => top3.has(id)).length / Math.max(1, Math.min(3, top3.size));
    totals.push(ra.total ? rb.total / ra.total : 1);
  }
  totals.sort((x, y) => x - y);
  log(
    `answers against the baseline over ${n} queries: same first hit ${Math.round((sameTop1 / n) * 100)}% (from the same source entry ${Math.round((sameSource1 / n) * 100)}%), top-3 overlap ${Math.round((overlap3 / n) * 100)}%, totals ratio median ${r2(totals[totals.length >> 1]!)}`,
  );
}

console.log(
  `\nEmbedded search engine, ${corpusSize} published entries, one search at a time in process (ms); CPUs ${busyBefore}% busy before the run\n`,
);
const head = ["", ...results.map((r) => r.label)];
const rows: string[][] = [
  [
    "index build",
    ...results.map((r) =>
      Object.entries(r.buildMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    ),
  ],
  ["RSS after build and searches (MB)", ...results.map((r) => String(r.rssMb))],
  [
    "36 real queries, uncached: mean / p50 / p95 / max",
    ...results.map((r) => `${r.real.mean} / ${r.real.p50} / ${r.real.p95} / ${r.real.max}`),
  ],
  [
    `${o.distinct} distinct 2-3-word queries: mean / p50 / p95 / max`,
    ...results.map((r) => `${r.distinct.mean} / ${r.distinct.p50} / ${r.distinct.p95} / ${r.distinct.max}`),
  ],
  ["36 real queries, cached: mean", ...results.map((r) => String(r.cached))],
];
const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(line(head));
console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
for (const r of rows) console.log(line(r));

await db.destroy();
fs.rmSync(workDir, { recursive: true, force: true });
