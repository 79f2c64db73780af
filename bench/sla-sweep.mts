/**
 * The SLA escalation sweep at scale (issue #10, item 9): N tickets (one in five open, from bench/inbox-data.ts),
 * a running first-response clock on every open ticket due over the next weeks, and D of them falling due within
 * the last minute (half to be warned, half breached and escalated). Measures one sweep pass that handles all D
 * (each with its audit event, notification and escalation) and a second pass that finds nothing (the cost of
 * looking when nothing is due: an index range, not a scan), with the statements it spent most time in, and prints
 * the claim query's plan. `--workers 1,2` runs one such pair per count, each over D clocks of its own on the same
 * data: W workers side by side (each its own connection; SKIP LOCKED shares the clocks out).
 *
 *   nice -n 10 npx tsx --conditions=react-server bench/sla-sweep.mts --tickets 1000000 --due 10000 [--workers 1,2]
 *     [--mysql mysql://root@127.0.0.1:3306]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { createPool } from "mysql2";
import { Kysely, MysqlDialect, sql } from "kysely";
import type { Database } from "../server/db/schema";
import { MYSQL_POOL_OPTIONS } from "../server/db/connect";
import { migrateToLatest } from "../server/db/migrate";
import { createScratchMysql } from "./db";
import { generateInboxData } from "./inbox-data";
import { sweepSla } from "../server/sla/sweep";

const { values: flags } = parseArgs({
  options: {
    tickets: { type: "string", default: "1000000" },
    due: { type: "string", default: "10000" },
    workers: { type: "string", default: "1" },
    mysql: { type: "string", default: process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306" },
  },
});
const tickets = Number(flags.tickets);
const due = Number(flags.due);
/** One pass per count, each over D clocks of its own: "1,2" compares one worker with two on the same data. */
const workerCounts = flags.workers!.split(",").map(Number);
const log = (s: string) => console.log(`[sla-sweep] ${s}`);
const written = async () =>
  (
    await sql<{ audit: number; notes: number; mails: number; raised: number }>`select
    (select count(*) from audit_events) as audit, (select count(*) from notifications) as notes,
    (select count(*) from outbox_emails) as mails,
    (select count(*) from audit_events where action = 'ticket.priority_changed') as raised`.execute(db)
  ).rows[0];

const scratch = await createScratchMysql(flags.mysql!, `mayak_sla_${process.pid}_${Date.now()}`);
// The app's pool options, and Kysely's log to tell where a pass spends its time (statement kinds, summed).
let timing: Map<string, { n: number; ms: number }> | null = null;
const db = new Kysely<Database>({
  dialect: new MysqlDialect({ pool: createPool({ uri: scratch.url, ...MYSQL_POOL_OPTIONS }) }),
  log: (e) => {
    if (!timing) return;
    const kind = e.query.sql.replace(/\s+/g, " ").slice(0, 48);
    const k = timing.get(kind) ?? { n: 0, ms: 0 };
    k.n++;
    k.ms += e.queryDurationMillis;
    timing.set(kind, k);
  },
});
try {
  await migrateToLatest(db);
  const t0 = performance.now();
  const staff = await db
    .insertInto("users")
    .values({
      email: "bench-lead@example.com",
      name: "Bench Lead",
      role: "lead",
      password_hash: "x",
      locale: "en",
      created_at: Date.now(),
      updated_at: Date.now(),
    } as never)
    .executeTakeFirstOrThrow();
  await generateInboxData(db, { tickets, messagesPerTicket: 0, extraStaff: [Number(staff.insertId)], deferFullText: true, log });
  log(`generated ${tickets} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const now = Date.now();
  const policy = await db
    .insertInto("sla_policies")
    .values({
      name: "Bench",
      position: 1,
      calendar_id: null,
      conditions_json: JSON.stringify({ priorities: [], categoryIds: [], teamIds: [], domains: [] }),
      // A first-response target only (240 minutes at every priority), calendar time.
      targets_json: JSON.stringify(
        Object.fromEntries(
          ["urgent", "high", "normal", "low"].map((p) => [p, { first_response: 240, next_response: null, resolution: null }]),
        ),
      ),
      breach_action: "raise_priority",
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  const policyId = Number(policy.insertId);
  // A clock on every open ticket, next check spread over 30 days from now (none due yet).
  await sql`insert into sla_clocks (ticket_id, metric, policy_id, target_minutes, started_at, paused_ms, due_at, warn_at, next_check_at)
    select id, 'first_response', ${policyId}, 240, ${now}, 0, ${now} + 60000 + (id % 2592000) * 1000 + 3600000,
           ${now} + 60000 + (id % 2592000) * 1000, ${now} + 60000 + (id % 2592000) * 1000
    from tickets where is_open = 1`.execute(db);
  // The tickets' SLA columns as the app keeps them (their earliest running due time).
  await sql`update tickets t join sla_clocks c on c.ticket_id = t.id
    set t.sla_policy_id = ${policyId}, t.sla_due_at = c.due_at, t.sla_warn_at = c.warn_at`.execute(db);
  await sql`analyze table sla_clocks, tickets`.execute(db);
  const counts = await sql<{
    clocks: number;
    total: number;
  }>`select (select count(*) from sla_clocks) as clocks, (select count(*) from tickets) as total`.execute(db);
  log(`tickets ${counts.rows[0].total}, running clocks ${counts.rows[0].clocks}, due per pass ${due}`);
  const plan = await sql
    .raw(`explain select id from sla_clocks where next_check_at <= ${now} order by next_check_at, id limit 500`)
    .execute(db);
  log(`claim plan: ${JSON.stringify(plan.rows)}`);

  let armedUpTo = 0;
  for (const w of workerCounts) {
    // D more tickets' clocks fall due within the last minute: half past their amber time, half past due.
    const ids = (
      await db.selectFrom("tickets").select("id").where("is_open", "=", 1).where("id", ">", armedUpTo).orderBy("id").limit(due).execute()
    ).map((r) => r.id);
    armedUpTo = ids[ids.length - 1];
    const half = Math.floor(ids.length / 2);
    for (let i = 0; i < ids.length; i += 1000) {
      const warn = ids.slice(i, i + 1000).filter((_, j) => i + j < half);
      const breach = ids.slice(i, i + 1000).filter((_, j) => i + j >= half);
      if (warn.length)
        await sql`update sla_clocks set warn_at = ${now - 30_000}, next_check_at = ${now - 30_000}, due_at = ${now + 3_600_000} where ticket_id in (${sql.join(warn)})`.execute(
          db,
        );
      if (breach.length)
        await sql`update sla_clocks set warn_at = ${now - 3_600_000}, warned_at = ${now - 3_600_000}, due_at = ${now - 30_000}, next_check_at = ${now - 30_000} where ticket_id in (${sql.join(breach)})`.execute(
          db,
        );
      await sql`update tickets t join sla_clocks c on c.ticket_id = t.id set t.sla_due_at = c.due_at, t.sla_warn_at = c.warn_at
        where t.id in (${sql.join(ids.slice(i, i + 1000))})`.execute(db);
    }
    const before = await written();
    const load = os.loadavg()[0].toFixed(2);
    timing = new Map();
    const s1 = performance.now();
    const first = await sweepSla(db, now, { workers: w });
    const pass1 = (performance.now() - s1) / 1000;
    const spent = [...timing.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
    timing = null;
    const s2 = performance.now();
    const second = await sweepSla(db, now, { workers: w });
    const pass2 = (performance.now() - s2) / 1000;
    const after = await written();
    log(`workers ${w}, load average at the start ${load}:`);
    log(
      `  pass 1: warned ${first.warned}, breached ${first.breached} in ${pass1.toFixed(2)} s (${Math.round(ids.length / pass1)} clocks/s)`,
    );
    log(`  pass 2 (nothing due): warned ${second.warned}, breached ${second.breached} in ${(pass2 * 1000).toFixed(1)} ms`);
    log(
      `  written: ${JSON.stringify(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])))}`,
    );
    for (const [kind, k] of spent) log(`    ${(k.ms / 1000).toFixed(2)} s in ${k.n} × ${kind}`);
  }
  log(`machine: ${os.cpus().length} cores`);
} finally {
  await db.destroy();
  await scratch.drop();
}
