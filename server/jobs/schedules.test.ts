import { beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { manualClock } from "../clock";
import { enqueueDueSchedules, ensureSchedule } from "./schedules";
import { openPeerDb } from "./test-helpers";

describeEachDialect("recurring schedules", (use) => {
  const clock = manualClock();
  beforeEach(async () => {
    await use().deleteFrom("jobs").execute();
    await use().deleteFrom("job_schedules").execute();
  });
  const jobsOf = (type: string) => use().selectFrom("jobs").selectAll().where("type", "=", type).orderBy("id").execute();

  it("inserts a schedule once and updates its definition without moving its next run", async () => {
    const db = use();
    await Promise.all([
      ensureSchedule(db, clock.now(), { name: "digest", type: "t.digest", payload: { v: 1 }, intervalMs: 1000 }),
      ensureSchedule(db, clock.now(), { name: "digest", type: "t.digest", payload: { v: 1 }, intervalMs: 1000 }),
    ]);
    expect(await enqueueDueSchedules(db, clock.now())).toBe(1);
    await ensureSchedule(db, clock.now(), { name: "digest", type: "t.digest2", payload: { v: 2 }, intervalMs: 5000 });
    const rows = await db.selectFrom("job_schedules").selectAll().execute();
    expect(rows).toEqual([{ name: "digest", type: "t.digest2", payload: '{"v":2}', interval_ms: 5000, next_run_at: clock.now() + 1000 }]);
  });

  // The interval logic holds on both dialects; that two instances ticking at once enqueue one job, not two,
  // only MariaDB/MySQL can show: on SQLite the "peer" is the same handle and there is one writer.
  it("enqueues exactly one job per interval even with two instances ticking at once (the race is proved on MariaDB only: SQLite has one writer)", async () => {
    const db = use();
    const peer = await openPeerDb(db);
    try {
      await ensureSchedule(db, clock.now(), { name: "sweep", type: "t.sweep", payload: { deep: true }, intervalMs: 60_000 });
      const tickBoth = () => Promise.all([enqueueDueSchedules(db, clock.now()), enqueueDueSchedules(peer.db, clock.now())]);
      expect((await tickBoth()).reduce((a, b) => a + b)).toBe(1);
      expect((await tickBoth()).reduce((a, b) => a + b)).toBe(0);
      clock.advance(59_999);
      expect((await tickBoth()).reduce((a, b) => a + b)).toBe(0);
      clock.advance(1);
      for (let i = 0; i < 5; i++) await tickBoth();
      const jobs = await jobsOf("t.sweep");
      expect(jobs).toHaveLength(2);
      expect(jobs[1]).toMatchObject({ status: "pending", payload: '{"deep":true}', run_at: clock.now() });
      // A long outage does not trigger a burst of catch-up runs.
      clock.advance(10 * 60_000);
      await tickBoth();
      await tickBoth();
      expect(await jobsOf("t.sweep")).toHaveLength(3);
    } finally {
      await peer.close();
    }
  });
});
