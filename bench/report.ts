import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { r2, type Summary } from "./stats";

export interface ScenarioResult {
  db: "sqlite" | "mysql";
  scenario: string;
  app: Summary & { non2xx: number; sampleStatus?: number };
  baselineLabel: string;
  baseline: Summary;
  /** app / baseline, for throughput and for each latency percentile */
  ratio: { perSecond: number; p50: number; p95: number; p99: number };
  /** MariaDB only: statements the server received per HTTP request, from SHOW GLOBAL STATUS */
  statementsPerRequest?: Record<string, number>;
  /** the query plans of the inbox's list and counts queries */
  plans?: { list: string[]; counts: string[] };
}

/** A progress line, stamped with the time of day: the benchmarks print one per step. */
export function log(s: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${s}`);
}

export function compare(app: ScenarioResult["app"], baseline: Summary): ScenarioResult["ratio"] {
  return {
    perSecond: r2(app.perSecond / baseline.perSecond),
    p50: r2(app.p50 / baseline.p50),
    p95: r2(app.p95 / baseline.p95),
    p99: r2(app.p99 / baseline.p99),
  };
}

export function machine(extra: Record<string, string>): Record<string, string> {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} x ${cpus[0]?.model ?? "unknown"}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...extra,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function printResults(results: ScenarioResult[]): void {
  const head = [
    "db",
    "scenario",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "base ops/s",
    "base p50",
    "base p95",
    "base p99",
    "x req/s",
    "x p50",
    "x p95",
  ];
  const rows = results.map((r) => [
    r.db,
    r.scenario,
    String(r.app.perSecond),
    String(r.app.p50),
    String(r.app.p95),
    String(r.app.p99),
    String(r.app.errors),
    String(r.baseline.perSecond),
    String(r.baseline.p50),
    String(r.baseline.p95),
    String(r.baseline.p99),
    String(r.ratio.perSecond),
    String(r.ratio.p50),
    String(r.ratio.p95),
  ]);
  console.log(`\n${table([head, ...rows])}\n`);
  console.log("base = the raw SQL for the same work through the same driver, same concurrency, same number of operations;");
  console.log("x = app / base.\n");
  for (const r of results) {
    console.log(`  ${r.db} ${r.scenario}: baseline = ${r.baselineLabel}`);
    if (r.statementsPerRequest) console.log(`    statements per request: ${JSON.stringify(r.statementsPerRequest)}`);
  }
}

/** Writes a run's figures to `<dir>/<name>-<date>.json` and says where. */
export function writeResults(dir: string, name: string, data: unknown): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
}
