import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp } from "./server";
import { fakeIp, load, signIn, USER_AGENT } from "./http";
import { all, closeDb, createScratchMysql, openMysql, openSqlite, seedTickets, type BenchDb } from "./db";
import { explainInbox, makeBaseline } from "./baseline";
import { runWorkers } from "./stats";
import { compare, type ScenarioResult } from "./report";

export interface BenchOptions {
  root: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  tickets: number;
  mysqlServerUrl: string;
}

// The demo accounts (server/seed/people.ts, README).
const CUSTOMER = { email: "customer@mayak.local", password: "mayak-customer-demo" };
const AGENT = { email: "agent@mayak.local", password: "mayak-agent-demo" };
const DESCRIPTION = "The export button on the reports page does nothing; nothing is downloaded and no error is shown.";
const INBOX_INPUT = encodeURIComponent(JSON.stringify({ view: "open", limit: 25 }));

/** MariaDB's statement counters, to report how many statements one request costs. */
async function counters(db: BenchDb): Promise<Record<string, number> | undefined> {
  if (db.dialect !== "mysql") return undefined;
  const rows = await all<{ Variable_name: string; Value: string }>(
    db,
    "show global status where Variable_name in ('Questions', 'Com_select', 'Com_insert', 'Com_update')",
  );
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

function perRequest(before: Record<string, number> | undefined, after: Record<string, number> | undefined, requests: number) {
  if (!before || !after) return undefined;
  // One SHOW STATUS of ours counts as a question; the app's job worker polls in the background (a few per second).
  return Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round(((after[k]! - before[k]! - (k === "Questions" ? 1 : 0)) / requests) * 10) / 10]),
  );
}

async function check(res: Response, what: string, test: (body: string) => boolean): Promise<void> {
  const body = await res.text();
  if (res.status !== 200 || !test(body)) throw new Error(`${what}: unexpected answer HTTP ${res.status}: ${body.slice(0, 300)}`);
}

export async function benchDatabase(kind: "sqlite" | "mysql", o: BenchOptions, log: (s: string) => void): Promise<ScenarioResult[]> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `mayak-bench-${kind}-`));
  const scratch = kind === "mysql" ? await createScratchMysql(o.mysqlServerUrl, `mayak_bench_${process.pid}_${Date.now()}`) : undefined;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  let db: BenchDb | undefined;
  try {
    log(`[${kind}] starting the app`);
    app = await startApp({ root: o.root, workDir, databaseUrl: scratch?.url });
    db = scratch ? openMysql(scratch.url) : openSqlite(path.join(workDir, "data", "mayak.sqlite"));
    const t0 = performance.now();
    await seedTickets(db, o.tickets);
    log(`[${kind}] inserted ${o.tickets} tickets in ${Math.round(performance.now() - t0)} ms`);

    const ids = await all<{ id: number; email: string }>(db, "select id, email from users where email in (?, ?)", [
      CUSTOMER.email,
      AGENT.email,
    ]);
    const idOf = (email: string) => ids.find((r) => r.email === email)!.id;
    const customerCookie = await signIn(app.base, CUSTOMER.email, CUSTOMER.password);
    const agentCookie = await signIn(app.base, AGENT.email, AGENT.password);
    let ipCounter = 1;
    const subject = (i: number) => `Export button does nothing (${i})`;
    const baseline = makeBaseline(db, {
      requesterId: idOf(CUSTOMER.email),
      agentId: idOf(AGENT.email),
      subject,
      description: DESCRIPTION,
      ip: (i) => fakeIp(1_000_000 + i),
      userAgent: USER_AGENT,
    });
    const plans = await explainInbox(db, idOf(AGENT.email));
    log(`[${kind}] plan of the inbox list query: ${plans.list.join(" | ")}`);
    log(`[${kind}] plan of the inbox counts query: ${plans.counts.join(" | ")}`);
    const results: ScenarioResult[] = [];
    const base = app.base;

    const measure = async (
      scenario: string,
      request: Parameters<typeof load>[0]["request"],
      baselineLabel: string,
      baselineOp: (i: number) => unknown,
    ) => {
      log(`[${kind}] ${scenario}: warm-up ${o.warmupSeconds} s, then ${o.seconds} s at ${o.connections} connections`);
      await load({ base, request, connections: o.connections, seconds: o.warmupSeconds });
      const before = await counters(db!);
      const appRun = await load({ base, request, connections: o.connections, seconds: o.seconds });
      const after = await counters(db!);
      if (appRun.ops === 0) throw new Error(`${scenario}: no successful request (first status ${appRun.sampleStatus})`);
      log(`[${kind}] ${scenario}: baseline, ${appRun.ops} operations at ${o.connections} workers`);
      const baseRun = await runWorkers(appRun.ops, o.connections, baselineOp);
      results.push({
        db: kind,
        scenario,
        app: appRun,
        baselineLabel,
        baseline: baseRun,
        ratio: compare(appRun, baseRun),
        statementsPerRequest: perRequest(before, after, appRun.ops + appRun.non2xx),
        ...(scenario.startsWith("inbox.list") ? { plans } : {}),
      });
    };

    // Inbox, first page of the "open" view, as the agent: the API call and the server-rendered page.
    const agentHeaders = { cookie: agentCookie, "user-agent": USER_AGENT };
    const listPath = `/api/trpc/inbox.list?input=${INBOX_INPUT}`;
    await check(
      await fetch(base + listPath, { headers: agentHeaders }),
      "inbox.list",
      (b) => (JSON.parse(b).result.data.items as unknown[]).length === 25,
    );
    await measure("inbox.list (tRPC)", { method: "GET", path: listPath, headers: agentHeaders }, "list SELECT (joins, LIMIT 26)", () =>
      baseline.inboxList(),
    );
    await check(await fetch(`${base}/inbox`, { headers: agentHeaders, redirect: "manual" }), "/inbox", (b) => b.includes("(#"));
    await measure(
      "GET /inbox (page)",
      { method: "GET", path: "/inbox", headers: agentHeaders },
      "list SELECT + counts SELECT",
      async () => {
        await baseline.inboxList();
        await baseline.inboxCounts();
      },
    );

    // Ticket creation as the customer; every request from its own address so the per-IP limit never applies.
    const createReq = (i: number) => ({
      method: "POST",
      path: "/api/trpc/tickets.create",
      headers: { cookie: customerCookie, "content-type": "application/json", "user-agent": USER_AGENT, "x-forwarded-for": fakeIp(i) },
      body: JSON.stringify({ subject: subject(i), description: DESCRIPTION, priority: "normal" }),
    });
    const first = createReq(ipCounter++);
    await check(await fetch(base + first.path, first), "tickets.create", (b) => typeof JSON.parse(b).result.data.id === "number");
    await measure(
      "tickets.create (tRPC)",
      {
        ...createReq(0),
        setupRequest: (req) => {
          const i = ipCounter++;
          return {
            ...req,
            headers: { ...req.headers, "x-forwarded-for": fakeIp(i) },
            body: JSON.stringify({ subject: subject(i), description: DESCRIPTION, priority: "normal" }),
          };
        },
      },
      "one transaction: INSERT ticket, SELECT audit head (FOR UPDATE on MariaDB), INSERT audit event, UPDATE head",
      (i) => baseline.createTicket(i),
    );
    return results;
  } finally {
    if (db) await closeDb(db).catch(() => undefined);
    if (app) await app.stop();
    if (scratch) await scratch.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
