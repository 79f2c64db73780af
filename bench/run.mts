// `npm run bench`: ticket creation and the inbox's first page over HTTP, on SQLite and MariaDB/MySQL,
// each next to the raw SQL for the same work measured in the same run. See BENCHMARKS.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { portOpen } from "./server";
import { all, closeDb, openMysql, sqliteVersion } from "./db";
import { benchDatabase } from "./scenarios";
import { log, machine, printResults, writeResults, type ScenarioResult } from "./report";
import { cpuBusyPercent } from "./proc";

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

const extra: Record<string, string> = { sqlite: sqliteVersion() };
if (kinds.includes("mysql")) {
  const db = openMysql(mysqlServerUrl);
  extra.mysql = (await all<{ v: string }>(db, "select version() as v"))[0]!.v;
  await closeDb(db);
}
// Anything else running on the machine skews every figure: measure how busy the CPUs are before starting.
const busy = await cpuBusyPercent();
const info = { ...machine(extra), cpuBusyBeforeStart: `${busy}%` };
if (busy > 20) console.log(`Warning: the CPUs were ${busy}% busy before the run: something else is running, figures will be low.`);
log(`machine: ${JSON.stringify(info)}`);
log(`options: ${JSON.stringify({ ...options, root: undefined, mysqlServerUrl: undefined, databases: kinds })}`);

const results: ScenarioResult[] = [];
for (const kind of kinds) results.push(...(await benchDatabase(kind, options, log)));

printResults(results);
writeResults(path.join(here, "results"), "bench", {
  date: new Date().toISOString(),
  machine: info,
  options: {
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    connections: options.connections,
    tickets: options.tickets,
    databases: kinds,
  },
  results,
});
