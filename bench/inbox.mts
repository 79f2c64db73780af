// `npm run bench:inbox` (tsx --conditions=react-server bench/inbox.mts): the agent inbox at a million tickets.
// Generates the data (bench/inbox-data.ts), then measures through the real HTTP endpoints as the signed-in demo
// agent: the first page of every view, lists with two filters, the counts, staff search and ticket creation,
// each next to the raw SQL of the same query through the same driver, same concurrency, same number of
// operations. See BENCHMARKS.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { openDatabase, type DB } from "../server/db/connect";
import { migrateToLatest } from "../server/db/migrate";
import { seedDemo } from "../server/seed/seed-demo";
import { transact } from "../server/db/transact";
import { startApp } from "./server";
import { fakeIp, load, signIn, USER_AGENT } from "./http";
import { all, createScratchMysql, openMysql, openSqlite, closeDb, sqliteVersion, type BenchDb } from "./db";
import { generateInboxData } from "./inbox-data";
import type { Vocabulary } from "./inbox-vocabulary";
import { runWorkers } from "./stats";
import { compare, log, machine, printResults, writeResults, type ScenarioResult } from "./report";
import { cpuBusyPercent } from "./proc";
import { listQuery, tagMode } from "../server/inbox/find-inbox-tickets";
import { countersQuery } from "../server/inbox/counts";
import { ZInboxFilters, type TInboxFilters } from "../server/inbox/filters";
import { matchTickets, searchWords } from "../server/db/full-text";
import { INBOX_VIEWS } from "../lib/tickets";
import type { Actor } from "../server/context";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const { values: flags } = parseArgs({
  options: {
    db: { type: "string" },
    tickets: { type: "string" },
    messages: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    only: { type: "string" },
    // MariaDB: keep the generated data in this database and reuse it on the next run (generating takes long).
    keep: { type: "string" },
    "generate-only": { type: "boolean" },
    // The words of the generated text: "uniform" (the worst case for full-text search) or "zipf" (bench/inbox-vocabulary.ts).
    vocabulary: { type: "string" },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
const kinds = (flags.db === "both" ? ["mysql", "sqlite"] : [flags.db ?? "mysql"]) as ("sqlite" | "mysql")[];
const tickets = num(flags.tickets, 1_000_000);
const seconds = num(flags.seconds, 5);
const connections = num(flags.connections, 4);
const mysqlServerUrl = (process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306").replace(/\/+$/, "");
if (flags.vocabulary && flags.vocabulary !== "uniform" && flags.vocabulary !== "zipf") throw new Error("--vocabulary is uniform or zipf");
const vocabulary = (flags.vocabulary ?? "uniform") as Vocabulary;
const AGENT = { email: "agent@mayak.local", password: "mayak-agent-demo" };
const CUSTOMER = { email: "customer@mayak.local", password: "mayak-customer-demo" };

/** A database kept between runs: created when missing. */
async function keptMysql(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^\w+$/.test(name)) throw new Error("--keep takes a database name (letters, digits, underscores)");
  const m = openMysql(mysqlServerUrl);
  await all(m, `create database if not exists \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  await closeDb(m);
  return { url: `${mysqlServerUrl}/${name}`, drop: async () => undefined };
}

async function runOne(kind: "sqlite" | "mysql"): Promise<{ results: ScenarioResult[]; load: Record<string, number> }> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `mayak-inbox-${kind}-`));
  const keep = kind === "mysql" ? flags.keep : undefined;
  const scratch = keep
    ? await keptMysql(keep)
    : kind === "mysql"
      ? await createScratchMysql(mysqlServerUrl, `mayak_inbox_${process.pid}_${Date.now()}`)
      : undefined;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let raw: BenchDb | undefined;
  let db: DB | undefined;
  try {
    const file = path.join(workDir, "data", "mayak.sqlite");
    let generated: Awaited<ReturnType<typeof generateInboxData>> | undefined;
    let loadSeconds: Record<string, number> = {};
    const messagesPerTicket = num(flags.messages, kind === "mysql" ? 5 : 0);
    if (keep) {
      // The demo data first (as the app would seed it), then the benchmark's: the app finds users and seeds nothing.
      db = openDatabase(scratch!.url);
      await migrateToLatest(db);
      if (!(await db.selectFrom("users").select("id").limit(1).executeTakeFirst())) await seedDemo(db);
      const has = await db.selectFrom("teams").select("id").where("name", "like", "%(bench)").limit(1).executeTakeFirst();
      if (!has) {
        const agentId = (await db.selectFrom("users").select("id").where("email", "=", AGENT.email).executeTakeFirstOrThrow()).id;
        log(`[${kind}] generating ${tickets} tickets and ${tickets * messagesPerTicket} messages into ${keep}`);
        const t0 = performance.now();
        generated = await generateInboxData(db, {
          tickets,
          messagesPerTicket,
          extraStaff: [agentId],
          deferFullText: true,
          vocabulary,
          log: (s) => log(`[${kind}] ${s}`),
        });
        loadSeconds = { ...generated.seconds, total: Math.round((performance.now() - t0) / 100) / 10 };
      }
      if (flags["generate-only"]) return { results: [], load: loadSeconds };
    }
    log(`[${kind}] starting the app (migrations, demo data)`);
    app = await startApp({ root, workDir, databaseUrl: scratch?.url });
    db ??= openDatabase(scratch ? scratch.url : `file:${file}`);
    raw = scratch ? openMysql(scratch.url) : openSqlite(file);
    const agentRow = await db
      .selectFrom("users")
      .select(["id", "email", "name", "role", "locale"])
      .where("email", "=", AGENT.email)
      .executeTakeFirstOrThrow();
    const agent: Actor = { ...agentRow };
    if (!generated && !keep) {
      log(`[${kind}] generating ${tickets} tickets and ${tickets * messagesPerTicket} messages`);
      const t0 = performance.now();
      generated = await generateInboxData(db, {
        tickets,
        messagesPerTicket,
        extraStaff: [agent.id],
        deferFullText: true,
        vocabulary,
        log: (s) => log(`[${kind}] ${s}`),
      });
      loadSeconds = { ...generated.seconds, total: Math.round((performance.now() - t0) / 100) / 10 };
    }
    const data = {
      teamIds: (await db.selectFrom("teams").select("id").where("name", "like", "%(bench)").orderBy("id").execute()).map((t) => t.id),
      tagNames: (await db.selectFrom("tags").select("name").where("name", "like", "%-%").orderBy("id").limit(50).execute()).map(
        (t) => t.name,
      ),
    };
    const teams = (await db.selectFrom("team_members").select("team_id").where("user_id", "=", agent.id).execute()).map((r) => r.team_id);
    const agentCookie = await signIn(app.base, AGENT.email, AGENT.password);
    const customerCookie = await signIn(app.base, CUSTOMER.email, CUSTOMER.password);
    const headers = { cookie: agentCookie, "user-agent": USER_AGENT };
    const results: ScenarioResult[] = [];
    const base = app.base;

    const measure = async (
      scenario: string,
      request: Parameters<typeof load>[0]["request"],
      baselineLabel: string,
      baselineOp: (i: number) => unknown,
    ) => {
      if (flags.only && !scenario.includes(flags.only)) return;
      const first = await fetch(base + request.path, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body as string | undefined,
      });
      const body = await first.text();
      if (first.status !== 200) {
        const tail = fs.readFileSync(app!.logFile, "utf8").split("\n").slice(-40).join("\n");
        throw new Error(`${scenario}: HTTP ${first.status}: ${body.slice(0, 300)}\nLast lines of the app's log:\n${tail}`);
      }
      await load({ base, request, connections, seconds: 1 });
      const appRun = await load({ base, request, connections, seconds });
      const baseRun = await runWorkers(appRun.ops, connections, baselineOp);
      results.push({ db: kind, scenario, app: appRun, baselineLabel, baseline: baseRun, ratio: compare(appRun, baseRun) });
      log(`[${kind}] ${scenario}: p95 ${appRun.p95} ms (raw ${baseRun.p95} ms), ${appRun.perSecond}/s, ${appRun.non2xx} non-2xx`);
    };
    const get = (proc: string, input: unknown) => ({
      method: "GET" as const,
      path: `/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`,
      headers,
    });
    // The same statement as the app's for this list: its tag read the same way (tagMode is the one extra read of a tag list).
    const rawList = async (f: Partial<TInboxFilters>) => {
      const filters = ZInboxFilters.parse(f);
      const c = listQuery(db!, filters, agent, filters.view === "team" ? teams : [], Date.now(), await tagMode(db!, filters.tag))
        .limit(26)
        .compile();
      return () => all(raw!, c.sql, [...c.parameters]);
    };

    for (const view of INBOX_VIEWS)
      await measure(`inbox.list ${view}`, get("inbox.list", { view }), "the list SELECT (LIMIT 26)", await rawList({ view }));
    const twoFilter: [string, Partial<TInboxFilters>][] = [
      ["open + urgent + tag", { view: "open", priority: "urgent", tag: data.tagNames[3] }],
      ["open + urgent + rare tag", { view: "open", priority: "urgent", tag: "rare-50" }],
      ["all + rare tag, by updated", { view: "all", tag: "rare-50", sort: "updated" }],
      ["open + team + category", { view: "open", team: data.teamIds[1], category: 1 }],
      ["open + unassigned + high, by updated", { view: "open", assignee: "none", priority: "high", sort: "updated" }],
      ["all + organisation + pending", { view: "all", requester: "org17.example", status: "pending" }],
    ];
    for (const [name, f] of twoFilter)
      await measure(`inbox.list ${name}`, get("inbox.list", f), "the list SELECT (LIMIT 26)", await rawList(f));
    const countsSql = countersQuery(db, agent.id).compile();
    await measure("inbox.counts", { method: "GET", path: "/api/trpc/inbox.counts", headers }, "the counters SELECT", () =>
      all(raw!, countsSql.sql, [...countsSql.parameters]),
    );
    for (const q of ["refund declined", "invoice", "оплата карта"]) {
      const words = searchWords(q);
      await measure(`inbox.search "${q}"`, get("inbox.search", { q }), "the full-text match (400 most relevant)", () =>
        matchTickets(db!, words, 400),
      );
    }
    // Ticket creation as the customer, every request from its own address (the per-IP limit stays out of the way).
    let ip = 1;
    const ticketBody = (i: number) =>
      JSON.stringify({
        subject: `Export button does nothing (${i})`,
        description: "The export button on the reports page does nothing.",
        priority: "normal",
      });
    await measure(
      "tickets.create",
      {
        method: "POST",
        path: "/api/trpc/tickets.create",
        headers: { cookie: customerCookie, "content-type": "application/json", "user-agent": USER_AGENT, "x-forwarded-for": fakeIp(0) },
        body: ticketBody(0),
        setupRequest: (req) => {
          const i = ip++;
          return { ...req, headers: { ...req.headers, "x-forwarded-for": fakeIp(i) }, body: ticketBody(i) };
        },
      },
      "INSERT ticket (counter and search triggers fire) in a transaction",
      (i) =>
        transact(db!, async (trx) => {
          const now = Date.now();
          await trx
            .insertInto("tickets")
            .values({
              requester_id: agent.id,
              assignee_id: null,
              subject: `Raw ${i}`,
              description: "The export button does nothing.",
              steps: "",
              expected: "",
              actual: "",
              page_url: "",
              priority: "normal",
              status: "new",
              is_open: 1,
              created_at: now,
              updated_at: now,
              first_response_at: null,
              solved_at: null,
            })
            .execute();
        }),
    );
    return { results, load: loadSeconds };
  } finally {
    if (db) await db.destroy().catch(() => undefined);
    if (raw) await closeDb(raw).catch(() => undefined);
    if (app) await app.stop();
    if (scratch && !keep) await scratch.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const extra: Record<string, string> = { sqlite: sqliteVersion() };
if (kinds.includes("mysql")) {
  const m = openMysql(mysqlServerUrl);
  extra.mysql = (await all<{ v: string }>(m, "select version() as v"))[0]!.v;
  await closeDb(m);
}
const busy = await cpuBusyPercent();
const info = { ...machine(extra), cpuBusyBeforeStart: `${busy}%` };
log(`machine: ${JSON.stringify(info)}`);
const results: ScenarioResult[] = [];
const loads: Record<string, Record<string, number>> = {};
for (const kind of kinds) {
  const r = await runOne(kind);
  results.push(...r.results);
  loads[kind] = r.load;
}
printResults(results);
console.log(`data generation, seconds: ${JSON.stringify(loads)}`);
writeResults(path.join(here, "results"), "inbox", {
  date: new Date().toISOString(),
  machine: info,
  options: { tickets, seconds, connections, databases: kinds },
  loadSeconds: loads,
  results,
});
