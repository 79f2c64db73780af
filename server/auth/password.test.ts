import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createWorkPool, dummyHash, hashPassword, verifyPassword } from "./password";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the argon2 pool", () => {
  it("runs at most `concurrency` jobs, queues `maxWaiting` more and refuses the rest at once", async () => {
    const pool = createWorkPool({ concurrency: 2, maxWaiting: 3 });
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const job = () =>
      new Promise<string>((resolve) => {
        most = Math.max(most, ++running);
        release.push(() => {
          running--;
          resolve("done");
        });
      });
    const accepted = Array.from({ length: 5 }, () => pool.run(job));
    const started = Date.now();
    const refused = await pool.run(job).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(50);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: "Too many sign-ins at once. Please try again in a few seconds." });
    expect([pool.active, pool.waiting]).toEqual([2, 3]);
    while (release.length || pool.active) {
      release.shift()?.();
      await tick();
    }
    expect(await Promise.all(accepted)).toEqual(Array(5).fill("done"));
    expect(most).toBe(2);
    expect([pool.active, pool.waiting]).toEqual([0, 0]);
  });

  it("frees the slot when a job fails", async () => {
    const pool = createWorkPool({ concurrency: 1, maxWaiting: 1 });
    const failed = pool.run(() => Promise.reject(new Error("boom")));
    const next = pool.run(async () => "next");
    await expect(failed).rejects.toThrow("boom");
    expect(await next).toBe("next");
    expect(pool.active).toBe(0);
  });

  it("hashes and verifies; a wrong password or a malformed hash is false", async () => {
    const h = await hashPassword("correct horse battery");
    expect(await verifyPassword(h, "correct horse battery")).toBe(true);
    expect(await verifyPassword(h, "wrong")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
    expect(await verifyPassword(null, "x")).toBe(false);
    expect(await verifyPassword(await dummyHash(), "not-a-real-password")).toBe(true);
  });

  it("a flood of hashes is refused past the queue and leaves libuv's threads to the rest of the app", async () => {
    const flood = Array.from({ length: 60 }, (_, i) =>
      hashPassword(`flood password ${i}`).then(
        () => "hashed",
        (e) => e.code as string,
      ),
    );
    // While the flood runs, a file read (a libuv thread, like the database driver and DNS) is not stuck behind it.
    await tick();
    const started = performance.now();
    await readFile(import.meta.filename);
    const readMs = performance.now() - started;
    const results = await Promise.all(flood);
    expect(results.filter((r) => r === "RATE_LIMITED").length).toBeGreaterThanOrEqual(60 - 22);
    expect(results.filter((r) => r === "hashed").length).toBeGreaterThanOrEqual(1);
    expect(readMs).toBeLessThan(100);
  });
});
