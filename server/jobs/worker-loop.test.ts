import { afterEach, describe, expect, it, vi } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { openDatabase } from "../db/connect";
import { manualClock } from "../clock";
import { enqueueJob } from "./queue";
import { ensureSchedule } from "./schedules";
import { createWorker } from "./worker";

/** Polls `check`; under fake timers each round also moves them on by one poll of the worker. */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    if (vi.isFakeTimers()) {
      await vi.advanceTimersByTimeAsync(10);
      await new Promise((r) => setImmediate(r)); // the database's answers are real I/O
    } else {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describeEachDialect("worker loop", (use) => {
  const clock = manualClock();
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls for jobs and due schedules, and stop() waits for the job in progress", async () => {
    const db = use();
    // The loop's polling timer is under the test's control, so "nothing happened" is checked after
    // a known amount of (fake) time, not after a sleep that a slow machine may outrun.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const pollMs = 10;
    const ran: string[] = [];
    let release: (() => void) | undefined;
    const worker = createWorker({
      db,
      now: clock.now,
      pollMs,
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
    // The handler has started (so `release` is its own), whatever the speed of the polls before it.
    await until(async () => release !== undefined);
    expect((await db.selectFrom("jobs").select("status").where("id", "=", held).executeTakeFirstOrThrow()).status).toBe("running");
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    // A stop() that did not wait would resolve with no I/O at all: ten polls' worth of timers and a
    // full turn of the event loop are more than it needs.
    await vi.advanceTimersByTimeAsync(10 * pollMs);
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release!();
    await stopping;
    expect((await db.selectFrom("jobs").select("status").where("id", "=", held).executeTakeFirstOrThrow()).status).toBe("done");

    // Stopped means stopped: nothing new is picked up. Were a poll still scheduled, ten polls' worth of
    // time fires it, and a second stop() waits for whatever tick it started.
    const late = await enqueueJob(db, clock.now(), { type: "t.loop", payload: { name: "after-stop" } });
    await vi.advanceTimersByTimeAsync(10 * pollMs);
    await worker.stop();
    expect(ran).not.toContain("after-stop");
    expect((await db.selectFrom("jobs").select("status").where("id", "=", late).executeTakeFirstOrThrow()).status).toBe("pending");
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
