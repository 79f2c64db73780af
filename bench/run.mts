// `npm run bench`: ticket creation and the inbox's first page over HTTP, on SQLite and MariaDB/MySQL,
// each next to the raw SQL for the same work measured in the same run. See BENCHMARKS.md.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { portOpen } from "./server";
import { all, closeDb, openMysql } from "./db";
import { benchDatabase } from "./scenarios";
import { machine, printResults, writeJson, type ScenarioResult } from "./report";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: {
    db: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string" },
    tickets: { type: "string" },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const mysqlServerUrl = (process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306").replace(/\/+$/, "");
const options = {
  root,
  seconds: num(flags.duration ?? process.env.BENCH_DURATION, 10),
  warmupSeconds: 2,
  connections: num(flags.connections ?? process.env.BENCH_CONNECTIONS, 10),
  tickets: num(flags.tickets ?? process.env.BENCH_TICKETS, 20_000),
  mysqlServerUrl,
};

const mysqlHost = new URL(mysqlServerUrl);
const mysqlUp = await portOpen(mysqlHost.hostname, Number(mysqlHost.port || 3306));
const wanted = flags.db ?? process.env.BENCH_DB ?? (mysqlUp ? "both" : "sqlite");
if (!["sqlite", "mysql", "both"].includes(wanted)) throw new Error(`BENCH_DB must be sqlite, mysql or both, not ${wanted}`);
if (wanted !== "sqlite" && !mysqlUp) throw new Error(`No MySQL/MariaDB answers at ${mysqlHost.host}: start it or use BENCH_DB=sqlite`);
const kinds = (wanted === "both" ? ["sqlite", "mysql"] : [wanted]) as ("sqlite" | "mysql")[];
if (!mysqlUp) console.log(`No MySQL/MariaDB on ${mysqlHost.host}: SQLite only.`);

const log = (s: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${s}`);
const extra: Record<string, string> = {};
{
  const { default: SQLite } = await import("better-sqlite3");
  const mem = new SQLite(":memory:");
  extra.sqlite = (mem.prepare("select sqlite_version() as v").get() as { v: string }).v;
  mem.close();
}
if (kinds.includes("mysql")) {
  const db = openMysql(mysqlServerUrl);
  extra.mysql = (await all<{ v: string }>(db, "select version() as v"))[0]!.v;
  await closeDb(db);
}
// Anything else running on the machine skews every figure: measure how busy the CPUs are before starting.
const cpuTimes = () => os.cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, all: a.all + Object.values(c.times).reduce((x, y) => x + y, 0) }), { idle: 0, all: 0 });
const t1 = cpuTimes();
await new Promise((r) => setTimeout(r, 1000));
const t2 = cpuTimes();
const busy = Math.round((1 - (t2.idle - t1.idle) / (t2.all - t1.all)) * 100);
const info = { ...machine(extra), cpuBusyBeforeStart: `${busy}%` };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify({ ...options, root: undefined, mysqlServerUrl: undefined, databases: kinds })}`);

const results: ScenarioResult[] = [];
for (const kind of kinds) results.push(...(await benchDatabase(kind, options, log)));

printResults(results);
const file = writeJson(path.join(here, "results"), {
  date: new Date().toISOString(),
  machine: info,
  options: { seconds: options.seconds, warmupSeconds: options.warmupSeconds, connections: options.connections, tickets: options.tickets, databases: kinds },
  results,
});
console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
