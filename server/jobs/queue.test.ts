import { beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { manualClock } from "../clock";
import { enqueueJob } from "./queue";
import { backoffMs, claimJobs, completeJob, failJob } from "./lease";
import { createWorker, type JobHandler } from "./worker";
import { findJobs } from "./find-jobs";
import { retryJob } from "./retry-job";
import { drain, openPeerDb } from "./test-helpers";

describeEachDialect("job queue", (use, dialect) => {
  const clock = manualClock();
  beforeEach(async () => {
    await use().deleteFrom("jobs").execute();
  });
  const getJob = (id: number) => use().selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("leaves no job behind when the caller's transaction rolls back", async () => {
    const db = use();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock.now(), { type: "t.noop", payload: {} });
        throw new Error("request failed");
      }),
    ).rejects.toThrow("request failed");
    expect(await db.selectFrom("jobs").select("id").execute()).toEqual([]);
    const id = await db.transaction().execute((trx) => enqueueJob(trx, clock.now(), { type: "t.noop", payload: {} }));
    expect((await getJob(id)).status).toBe("pending");
  });

  it("runs a due job once, with its payload, and marks it done", async () => {
    const db = use();
    const seen: unknown[] = [];
    const worker = createWorker({ db, now: clock.now, handlers: { "t.echo": async (p, ctx) => void seen.push([p, ctx.attempt]) } });
    const id = await enqueueJob(db, clock.now(), { type: "t.echo", payload: { n: 1 } });
    const later = await enqueueJob(db, clock.now(), { type: "t.echo", payload: { n: 2 }, runAt: clock.now() + 5000 });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(seen).toEqual([[{ n: 1 }, 1]]);
    expect(await getJob(id)).toMatchObject({ status: "done", attempts: 1, last_error: null });
    clock.advance(5000);
    expect(await worker.runOnce()).toBe(1);
    expect((await getJob(later)).status).toBe("done");
  });

  it("retries with exponential backoff, then dead-letters with the last error", async () => {
    const db = use();
    let calls = 0;
    const worker = createWorker({
      db,
      now: clock.now,
      log: { error: () => undefined },
      handlers: {
        "t.fail": async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      },
    });
    const id = await enqueueJob(db, clock.now(), { type: "t.fail", payload: null, maxAttempts: 3 });
    expect(await worker.runOnce()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: "pending", attempts: 1, run_at: clock.now() + 10_000, last_error: "Error: boom 1" });
    clock.advance(9_999);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: "pending", attempts: 2, run_at: clock.now() + 20_000 });
    clock.advance(20_000);
    expect(await worker.runOnce()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: "dead", attempts: 3, last_error: "Error: boom 3" });
    clock.advance(3_600_000);
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
    expect([1, 2, 3, 10, 20].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 3_600_000, 3_600_000]);
  });

  it("dead-letters an unknown job type at once, and an admin can retry it", async () => {
    const db = use();
    const handlers: Record<string, JobHandler> = {};
    const worker = createWorker({ db, now: clock.now, handlers, log: { error: () => undefined } });
    const id = await enqueueJob(db, clock.now(), { type: "t.unknown", payload: {} });
    expect(await worker.runOnce()).toBe(1);
    expect(await getJob(id)).toMatchObject({ status: "dead", attempts: 1 });
    expect((await getJob(id)).last_error).toContain('no handler registered for job type "t.unknown"');

    await expect(retryJob(db, clock.now(), id + 999)).rejects.toMatchObject({ code: "NOT_FOUND" });
    handlers["t.unknown"] = async () => undefined;
    await retryJob(db, clock.now(), id);
    expect(await getJob(id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await worker.runOnce()).toBe(1);
    expect((await getJob(id)).status).toBe("done");
    await expect(retryJob(db, clock.now(), id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("runs each of 50 jobs exactly once with two workers taking turns", async () => {
    const db = use();
    const peer = await openPeerDb(db);
    try {
      const runs = new Map<number, number>();
      const handler: JobHandler = async (_p, ctx) => void runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
      const ids: number[] = [];
      for (let i = 0; i < 50; i++) ids.push(await enqueueJob(db, clock.now(), { type: "t.turns", payload: { i } }));
      const a = createWorker({ db, now: clock.now, workerId: "a", batchSize: 4, handlers: { "t.turns": handler } });
      const b = createWorker({ db: peer.db, now: clock.now, workerId: "b", batchSize: 4, handlers: { "t.turns": handler } });
      // One batch each in turn: each sees what the other claimed and finished, and takes the next four.
      const batches: number[] = [];
      for (let turn = 0; turn < 15; turn++) batches.push(await (turn % 2 ? b : a).runOnce());
      expect(batches).toEqual([...Array<number>(12).fill(4), 2, 0, 0]);
      expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      const done = await db.selectFrom("jobs").select(["status", "locked_by"]).orderBy("id").execute();
      expect(done.map((j) => j.status)).toEqual(Array(50).fill("done"));
      // Batches alternate, so do the workers: jobs 1-4 by a, 5-8 by b, and so on.
      expect(done.map((j) => j.locked_by)).toEqual(ids.map((_, i) => (Math.floor(i / 4) % 2 ? "b" : "a")));
    } finally {
      await peer.close();
    }
  });

  // On SQLite the "peer" is the same handle and there is one writer, so the two workers cannot interleave
  // their claims: the race can only fail on MariaDB/MySQL, where it runs.
  it.runIf(dialect === "mysql")(
    "runs each of 50 jobs exactly once with two workers racing on separate connections (proved on MariaDB only: SQLite has one writer)",
    async () => {
      const db = use();
      const peer = await openPeerDb(db);
      try {
        const runs = new Map<number, number>();
        const handler: JobHandler = async (_p, ctx) => {
          runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, Math.random() * 5));
        };
        const ids: number[] = [];
        for (let i = 0; i < 50; i++) ids.push(await enqueueJob(db, clock.now(), { type: "t.race", payload: { i } }));
        const a = createWorker({ db, now: clock.now, workerId: "a", batchSize: 4, handlers: { "t.race": handler } });
        const b = createWorker({ db: peer.db, now: clock.now, workerId: "b", batchSize: 4, handlers: { "t.race": handler } });
        const [ranA, ranB] = await Promise.all([drain(a.runOnce), drain(b.runOnce)]);
        expect(ranA + ranB).toBe(50);
        expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
        expect([...runs.values()].every((n) => n === 1)).toBe(true);
        const statuses = await db.selectFrom("jobs").select("status").distinct().execute();
        expect(statuses).toEqual([{ status: "done" }]);
      } finally {
        await peer.close();
      }
    },
  );

  it("reclaims a job whose worker died, and fences off the dead worker's late result", async () => {
    const db = use();
    const id = await enqueueJob(db, clock.now(), { type: "t.slow", payload: {} });
    const [zombie] = await claimJobs(db, clock.now(), { workerId: "zombie", leaseMs: 60_000, batchSize: 10 });
    expect(zombie).toMatchObject({ id, attempts: 1 });
    const seen: number[] = [];
    const worker = createWorker({
      db,
      now: clock.now,
      workerId: "alive",
      leaseMs: 60_000,
      handlers: { "t.slow": async (_p, ctx) => void seen.push(ctx.attempt) },
    });
    clock.advance(60_000);
    expect(await worker.runOnce()).toBe(0); // the lease is still valid at its last millisecond
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toEqual([2]);
    expect(await getJob(id)).toMatchObject({ status: "done", attempts: 2, locked_by: "alive" });
    expect(await completeJob(db, clock.now(), zombie, "zombie")).toBe(false);
    expect(await failJob(db, clock.now(), zombie, "zombie", new Error("late"))).toBe("fenced");
    expect(await getJob(id)).toMatchObject({ status: "done", attempts: 2, locked_by: "alive", last_error: null });
  });

  it("gives up on a job whose worker died during its final attempt", async () => {
    const db = use();
    const id = await enqueueJob(db, clock.now(), { type: "t.crash", payload: {}, maxAttempts: 1 });
    await claimJobs(db, clock.now(), { workerId: "zombie", leaseMs: 1000, batchSize: 10 });
    clock.advance(1001);
    expect(await claimJobs(db, clock.now(), { workerId: "other", leaseMs: 1000, batchSize: 10 })).toEqual([]);
    expect(await getJob(id)).toMatchObject({ status: "dead", last_error: "lease expired during the final attempt" });
  });

  it("pages jobs newest first and filters by status", async () => {
    const db = use();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueueJob(db, clock.now(), { type: "t.page", payload: { i } }));
    const first = await findJobs(db, { limit: 3 });
    expect(first.items.map((j) => j.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.items[0].payload).toEqual({ i: 4 });
    const second = await findJobs(db, { limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((j) => j.id)).toEqual([ids[1], ids[0]]);
    expect((await findJobs(db, { status: "dead", limit: 3 })).items).toEqual([]);
  });
});
