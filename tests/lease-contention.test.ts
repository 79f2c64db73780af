import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/db";
import { makeLead } from "@/tests/factories";
import type { DB } from "@/server/db";
import { manualClock } from "@/server/clock";
import { enqueueJob } from "@/server/jobs/queue";
import { enqueueDueSchedules, ensureSchedule } from "@/server/jobs/schedules";
import { createWorker, type JobHandler } from "@/server/jobs/worker";
import { drain, openPeerDb } from "@/server/jobs/test-helpers";
import { makeMonitor } from "@/server/monitoring/test-helpers";
import { runMonitoringTick } from "@/server/monitoring/scheduler";

/**
 * Four app instances (four connection pools) racing over the same due monitors, jobs and schedules,
 * round after round. Only MariaDB/MySQL proves this: SQLite has one writer, so its transactions never
 * interleave. Every unit of work must run exactly once, none may be lost, and no worker may throw.
 */
const WORKERS = 4;
const ROUNDS = 12;
const MONITORS = 30;
const JOBS_PER_ROUND = 60;

const mysqlUrl = process.env.MYSQL_TEST_URL;
if (!mysqlUrl) console.info("lease contention test skipped: it needs MariaDB/MySQL (set MYSQL_TEST_URL)");

describe.runIf(Boolean(mysqlUrl))("leases under contention: four instances on one MariaDB [mysql]", () => {
  const clock = manualClock();
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  const instances: DB[] = [];
  const peers: { close: () => Promise<void> }[] = [];
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    handle = await createTestDb("mysql");
    instances.push(handle.db);
    for (let i = 1; i < WORKERS; i++) {
      const peer = await openPeerDb(handle.db);
      peers.push(peer);
      instances.push(peer.db);
    }
    server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    for (const p of peers) await p.close();
    await handle?.destroy();
  });

  it("every monitor check, job and scheduled run happens exactly once per round", async () => {
    const db = handle.db;
    const lead = await makeLead(db);
    for (let i = 0; i < MONITORS; i++) {
      await makeMonitor(db, clock, { kind: "tcp", name: `Port ${i}`, target: `127.0.0.1:${port}`, intervalS: 10 }, lead);
    }
    await ensureSchedule(db, clock.now(), { name: "contention.sweep", type: "t.sweep", payload: {}, intervalMs: 10_000 });

    const runs = new Map<number, number>();
    const sweeps: number[] = [];
    const handlers: Record<string, JobHandler> = {
      // A job that writes, as real jobs do: the settle and the claim of other jobs contend with it.
      "t.work": async (_p, ctx) => {
        runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
        await db
          .updateTable("job_schedules")
          .set({ payload: `{"last":${ctx.jobId}}` })
          .where("name", "=", "contention.sweep")
          .execute();
      },
      "t.sweep": async (_p, ctx) => void sweeps.push(ctx.jobId),
    };
    const errors: unknown[] = [];
    const log = { error: (obj: object) => void errors.push(obj), warn: (obj: object) => void errors.push(obj) };
    const workers = instances.map((d, i) => createWorker({ db: d, now: clock.now, workerId: `w${i}`, batchSize: 5, handlers, log }));
    const enqueued: number[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      for (let i = 0; i < JOBS_PER_ROUND; i++) enqueued.push(await enqueueJob(db, clock.now(), { type: "t.work", payload: { round, i } }));
      const opts = { now: clock.now, appUrl: "", concurrency: 8, limit: 4 };
      // Each instance ticks twice (as overlapping ticks would), enqueues the due schedules and drains the
      // queue, all at once.
      const results = await Promise.all(
        instances.flatMap((d, i) => [
          runMonitoringTick(d, opts),
          runMonitoringTick(d, opts),
          enqueueDueSchedules(d, clock.now()).then(() => drain(workers[i].runOnce)),
        ]),
      );
      const checked = results.filter((_r, i) => i % 3 !== 2).reduce<number>((n, r) => n + (r as { checked: number }).checked, 0);
      const failed = results.filter((_r, i) => i % 3 !== 2).reduce<number>((n, r) => n + (r as { failed: number }).failed, 0);
      expect({ round, checked, failed }).toEqual({ round, checked: MONITORS, failed: 0 });
      const perMonitor = await db
        .selectFrom("monitor_checks")
        .select(["monitor_id", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("monitor_id")
        .execute();
      expect(perMonitor).toHaveLength(MONITORS);
      expect(perMonitor.filter((c) => Number(c.n) !== round)).toEqual([]);
      // Jitter adds up to 1 s to a 10 s interval.
      clock.advance(12_000);
    }

    expect(errors).toEqual([]);
    expect(enqueued.filter((id) => runs.get(id) !== 1)).toEqual([]);
    expect(runs.size).toBe(ROUNDS * JOBS_PER_ROUND);
    // The schedule is due every round (12 s > 10 s); its run enqueued in round r is drained in round r.
    expect(sweeps).toHaveLength(ROUNDS);
    const left = await db
      .selectFrom("jobs")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    expect(left.map((r) => [r.status, Number(r.n)])).toEqual([["done", ROUNDS * JOBS_PER_ROUND + ROUNDS]]);
    // Correctness, not speed: a busy machine may take minutes over the rounds.
  }, 300_000);
});
