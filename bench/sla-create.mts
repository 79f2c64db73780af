/**
 * Ticket creation with SLA work (issue #10; the workspace issue's target: ≥ 200 tickets/s with every side effect).
 * On a scratch MariaDB database with the demo data (three SLA policies, two calendars, teams, categories), C workers
 * call createTicket (the domain function every writer uses: audit event, view counters, search index, routing, SLA
 * clocks, notifications) for N tickets each round, alternating two setups in the same run:
 *   - "SLA policies": the demo's policies, so every ticket starts its first-response and resolution clocks;
 *   - "no policy": the same database with the policies set aside (trackSla returns at once), the baseline.
 * Prints tickets/s and the statements each ticket took (counted by Kysely's log), the load average beside each.
 *
 *   nice -n 10 npx tsx --conditions=react-server bench/sla-create.mts [--tickets 2000] [--workers 4] [--rounds 2]
 *     [--category "Billing and payments"] [--mysql mysql://root@127.0.0.1:3306]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { createPool } from "mysql2";
import { Kysely, MysqlDialect, sql } from "kysely";
import type { Database } from "../server/db/schema";
import { MYSQL_POOL_OPTIONS } from "../server/db/connect";
import { migrateToLatest } from "../server/db/migrate";
import { seedDemo } from "../server/seed/seed-demo";
import { createTicket } from "../server/tickets/create-ticket";
import type { Actor } from "../server/context";
import { createScratchMysql } from "./db";

const { values: flags } = parseArgs({
  options: {
    tickets: { type: "string", default: "2000" },
    workers: { type: "string", default: "4" },
    rounds: { type: "string", default: "2" },
    category: { type: "string" },
    mysql: { type: "string", default: process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306" },
  },
});
const perRound = Number(flags.tickets);
const workers = Number(flags.workers);
const log = (s: string) => console.log(`[sla-create] ${s}`);

const scratch = await createScratchMysql(flags.mysql!, `mayak_slacreate_${process.pid}_${Date.now()}`);
let statements = 0;
const db = new Kysely<Database>({
  dialect: new MysqlDialect({ pool: createPool({ uri: scratch.url, ...MYSQL_POOL_OPTIONS }) }),
  log: () => {
    statements++;
  },
});
try {
  await migrateToLatest(db);
  await seedDemo(db, { appUrl: "http://bench.example" });
  const customer = await db.selectFrom("users").selectAll().where("role", "=", "customer").orderBy("id").executeTakeFirstOrThrow();
  const actor: Actor = { id: customer.id, role: "customer", email: customer.email, name: customer.name, locale: "en" };
  const category = flags.category
    ? (await db.selectFrom("categories").select("id").where("name_en", "=", flags.category).executeTakeFirstOrThrow()).id
    : null;
  const policies = await db.selectFrom("sla_policies").selectAll().execute();
  log(`demo data in; ${policies.length} SLA policies; category ${flags.category ?? "none"}; ${workers} workers`);

  let serial = 0;
  async function run(label: string): Promise<void> {
    const load = os.loadavg()[0].toFixed(2);
    const before = statements;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < perRound) {
          next++;
          const n = ++serial;
          await createTicket(
            db,
            { actor, ip: "127.0.0.1", userAgent: "bench", now: Date.now },
            { subject: `Export fails ${n}`, description: "The CSV export fails every time I try it.", categoryId: category },
          );
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    log(
      `${label}: ${perRound} tickets in ${s.toFixed(2)} s = ${Math.round(perRound / s)} tickets/s, ` +
        `${((statements - before) / perRound).toFixed(1)} statements/ticket (load average at start ${load})`,
    );
  }

  /** Sets the policies aside (no clock, no policy on any ticket) or puts them back as they were. */
  async function withPolicies(on: boolean): Promise<void> {
    if (!on) {
      await sql`delete from sla_clocks`.execute(db);
      await sql`update tickets set sla_policy_id = null, sla_due_at = null, sla_warn_at = null where sla_policy_id is not null`.execute(db);
      await sql`delete from sla_policies`.execute(db);
    } else if ((await db.selectFrom("sla_policies").select("id").execute()).length === 0) {
      await db.insertInto("sla_policies").values(policies).execute();
    }
  }

  await withPolicies(true);
  await run("warm-up (SLA policies)");
  for (let r = 1; r <= Number(flags.rounds); r++) {
    await withPolicies(true);
    await run(`round ${r}, SLA policies`);
    await withPolicies(false);
    await run(`round ${r}, no policy`);
  }
  const clocks = await sql<{ n: number }>`select count(*) as n from sla_clocks`.execute(db);
  log(`clocks left running after the last round: ${clocks.rows[0].n} (0: the last round had no policy)`);
  log(`machine: ${os.cpus().length} cores`);
} finally {
  await db.destroy();
  await scratch.drop();
}
