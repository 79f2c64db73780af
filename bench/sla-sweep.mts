/**
 * The SLA escalation sweep at scale (issue #10, item 9): N tickets (one in five open, from bench/inbox-data.ts),
 * a running first-response clock on every open ticket due over the next weeks, and D of them falling due within
 * the last minute (half to be warned, half breached and escalated). Measures one sweep pass that handles all D
 * (each with its audit event, notification and escalation) and a second pass that finds nothing (the cost of
 * looking when nothing is due: an index range, not a scan), and prints the claim query's plan. `--workers W` runs
 * the pass as W workers side by side (each its own connection; SKIP LOCKED shares the clocks out).
 *
 *   nice -n 10 npx tsx --conditions=react-server bench/sla-sweep.mts --tickets 1000000 --due 10000 [--workers 2]
 *     [--mysql mysql://root@127.0.0.1:3306]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase } from "../server/db/connect";
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
const workers = Number(flags.workers);
const log = (s: string) => console.log(`[sla-sweep] ${s}`);

const scratch = await createScratchMysql(flags.mysql!, `mayak_sla_${process.pid}_${Date.now()}`);
const db = openDatabase(scratch.url);
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
  await sql`update tickets t join sla_clocks c on c.ticket_id = t.id
    set t.sla_policy_id = ${policyId}, t.sla_due_at = c.due_at, t.sla_warn_at = c.warn_at`.execute(db);
  // D of them fall due within the last minute: the first half past their amber time, the second half past due.
  const picked = await db.selectFrom("tickets").select("id").where("is_open", "=", 1).orderBy("id").limit(due).execute();
  const ids = picked.map((r) => r.id);
  const half = Math.floor(ids.length / 2);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const warn = chunk.filter((id) => ids.indexOf(id) < half);
    const breach = chunk.filter((id) => ids.indexOf(id) >= half);
    if (warn.length)
      await sql`update sla_clocks set warn_at = ${now - 30_000}, next_check_at = ${now - 30_000}, due_at = ${now + 3_600_000} where ticket_id in (${sql.join(warn)})`.execute(
        db,
      );
    if (breach.length)
      await sql`update sla_clocks set warn_at = ${now - 3_600_000}, warned_at = ${now - 3_600_000}, due_at = ${now - 30_000}, next_check_at = ${now - 30_000} where ticket_id in (${sql.join(breach)})`.execute(
        db,
      );
  }
  await sql`analyze table sla_clocks, tickets`.execute(db);
  const counts = await sql<{
    clocks: number;
    total: number;
  }>`select (select count(*) from sla_clocks) as clocks, (select count(*) from tickets) as total`.execute(db);
  log(`tickets ${counts.rows[0].total}, running clocks ${counts.rows[0].clocks}, due now ${ids.length}`);

  const plan = await sql
    .raw(`explain select id from sla_clocks where next_check_at <= ${now} order by next_check_at, id limit 500`)
    .execute(db);
  log(`claim plan: ${JSON.stringify(plan.rows)}`);

  const load = os.loadavg()[0].toFixed(2);
  const s1 = performance.now();
  const first = await sweepSla(db, now, { workers });
  const pass1 = (performance.now() - s1) / 1000;
  const s2 = performance.now();
  const second = await sweepSla(db, now, { workers });
  const pass2 = (performance.now() - s2) / 1000;
  log(`pass 1: warned ${first.warned}, breached ${first.breached} in ${pass1.toFixed(2)} s (${Math.round(ids.length / pass1)} clocks/s)`);
  log(`pass 2 (nothing due): warned ${second.warned}, breached ${second.breached} in ${(pass2 * 1000).toFixed(1)} ms`);
  const wrote = await sql<{ audit: number; notes: number; mails: number; raised: number }>`select
    (select count(*) from audit_events) as audit, (select count(*) from notifications) as notes,
    (select count(*) from outbox_emails) as mails, (select count(*) from audit_events where action = 'ticket.priority_changed') as raised`.execute(
    db,
  );
  log(`written: ${JSON.stringify(wrote.rows[0])}; workers ${workers}`);
  log(`machine: ${os.cpus().length} cores, load average at the start of the sweep ${load}`);
} finally {
  await db.destroy();
  await scratch.drop();
}
