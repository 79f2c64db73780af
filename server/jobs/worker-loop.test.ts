import { describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { openDatabase } from "../db/connect";
import { manualClock } from "../clock";
import { enqueueJob } from "./queue";
import { ensureSchedule } from "./schedules";
import { createWorker } from "./worker";

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachDialect("worker loop", (use) => {
  const clock = manualClock();

  it("polls for jobs and due schedules, and stop() waits for the job in progress", async () => {
    const db = use();
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const worker = createWorker({
      db,
      now: clock.now,
      pollMs: 10,
      handlers: {
        "t.loop": async (p) => void ran.push(String((p as { name: string }).name)),
        "t.hold": () => new Promise<void>((r) => (release = r)),
      },
    });
    await ensureSchedule(db, clock.now(), { name: "loop-tick", type: "t.loop", payload: { name: "scheduled" }, intervalMs: 60_000 });
    worker.start();
    worker.start(); // idempotent: still one loop
    await enqueueJob(db, clock.now(), { type: "t.loop", payload: { name: "queued" } });
    await until(async () => ran.length === 2);
    expect(ran.sort()).toEqual(["queued", "scheduled"]);

    const held = await enqueueJob(db, clock.now(), { type: "t.hold", payload: {} });
    await until(async () => (await db.selectFrom("jobs").select("status").where("id", "=", held).executeTakeFirstOrThrow()).status === "running");
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await db.selectFrom("jobs").select("status").where("id", "=", held).executeTakeFirstOrThrow()).status).toBe("done");

    // Stopped means stopped: nothing new is picked up.
    await enqueueJob(db, clock.now(), { type: "t.loop", payload: { name: "after-stop" } });
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).not.toContain("after-stop");
  });
});

describe("worker loop on a broken database", () => {
  it("logs the errors and keeps polling", async () => {
    const db = openDatabase(":memory:"); // never migrated: every query fails
    const errors: string[] = [];
    const worker = createWorker({ db, handlers: {}, pollMs: 5, log: { error: (_o, msg) => void errors.push(msg) } });
    worker.start();
    await until(async () => errors.filter((m) => m === "claiming jobs failed").length >= 3);
    await worker.stop();
    expect(errors).toContain("enqueueing due schedules failed");
    await db.destroy();
  });
});
