import { describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { openPeerDb } from "../jobs/test-helpers";
import type { DB } from "./connect";
import type { Tx } from "./dialect";
import { isLockConflict, retryOnLockConflict, transact } from "./transact";

const deadlock = Object.assign(new Error("Deadlock found when trying to get lock"), { errno: 1213, sqlState: "40001" });
const lockWait = Object.assign(new Error("Lock wait timeout exceeded"), { errno: 1205, sqlState: "HY000" });

describe("retryOnLockConflict", () => {
  it("knows a lock conflict by errno or SQLSTATE, and nothing else", () => {
    expect(isLockConflict(deadlock)).toBe(true);
    expect(isLockConflict(lockWait)).toBe(true);
    expect(isLockConflict({ sqlState: "40001" })).toBe(true);
    expect(isLockConflict(Object.assign(new Error("dup"), { errno: 1062 }))).toBe(false);
    expect(isLockConflict(new Error("Deadlock"))).toBe(false);
    expect(isLockConflict(undefined)).toBe(false);
  });

  it("runs the work again after a conflict and returns its answer", async () => {
    const seen: number[] = [];
    let calls = 0;
    const answer = await retryOnLockConflict(
      async () => {
        calls++;
        if (calls < 3) throw calls === 1 ? deadlock : lockWait;
        return "done";
      },
      { random: () => 0.5, onRetry: (_err, attempt) => seen.push(attempt) },
    );
    expect(answer).toBe("done");
    expect(calls).toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it("gives up after the bounded number of tries with the last conflict", async () => {
    let calls = 0;
    const work = async () => {
      calls++;
      throw deadlock;
    };
    await expect(retryOnLockConflict(work, { tries: 4, random: () => 0 })).rejects.toBe(deadlock);
    expect(calls).toBe(4);
  });

  it("never retries any other error", async () => {
    let calls = 0;
    const boom = new Error("constraint");
    await expect(
      retryOnLockConflict(async () => {
        calls++;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
  });
});

/**
 * Two transactions that lock the same two rows in opposite orders: on MariaDB one of them is chosen as
 * the deadlock victim. Plain transactions lose that one's work; `transact` runs it again.
 */
describeEachDialect("transact under a real deadlock", (use, dialect) => {
  async function crossLock(a: DB, b: DB, run: (db: DB, fn: (trx: Tx) => Promise<void>) => Promise<void>) {
    await a.deleteFrom("job_schedules").execute();
    for (const name of ["first", "second"]) {
      await a.insertInto("job_schedules").values({ name, type: "t", payload: "null", interval_ms: 1, next_run_at: 0 }).execute();
    }
    // Both transactions hold their first lock before either asks for its second one.
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const lockThenLock = (db: DB, order: [string, string]) =>
      run(db, async (trx) => {
        await trx
          .updateTable("job_schedules")
          .set((eb) => ({ next_run_at: eb("next_run_at", "+", 1) }))
          .where("name", "=", order[0])
          .execute();
        if (++arrived === 2) release();
        await Promise.race([bothLocked, new Promise((r) => setTimeout(r, 2000))]);
        await trx
          .updateTable("job_schedules")
          .set((eb) => ({ next_run_at: eb("next_run_at", "+", 1) }))
          .where("name", "=", order[1])
          .execute();
      });
    return Promise.allSettled([lockThenLock(a, ["first", "second"]), lockThenLock(b, ["second", "first"])]);
  }

  it.runIf(dialect === "mysql")("a plain transaction loses its work to a deadlock; transact finishes both", async () => {
    const db = use();
    const peer = await openPeerDb(db);
    try {
      const plain = await crossLock(db, peer.db, (d, fn) => d.transaction().execute(fn));
      const failures = plain.filter((r) => r.status === "rejected");
      expect(failures).toHaveLength(1);
      expect(isLockConflict((failures[0] as PromiseRejectedResult).reason)).toBe(true);

      const retried = await crossLock(db, peer.db, (d, fn) => transact(d, fn));
      expect(retried.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const rows = await db.selectFrom("job_schedules").select(["name", "next_run_at"]).orderBy("name").execute();
      // Each transaction added 1 to each row: nothing lost, nothing applied twice.
      expect(rows.map((r) => [r.name, Number(r.next_run_at)])).toEqual([
        ["first", 2],
        ["second", 2],
      ]);
    } finally {
      await peer.close();
    }
  });

  it("commits everything or nothing, on either dialect", async () => {
    const db = use();
    await db.deleteFrom("job_schedules").execute();
    await expect(
      transact(db, async (trx) => {
        await trx
          .insertInto("job_schedules")
          .values({ name: "kept?", type: "t", payload: "null", interval_ms: 1, next_run_at: 0 })
          .execute();
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.selectFrom("job_schedules").select("name").execute()).toEqual([]);
    if (dialect !== "mysql") return;
    // READ COMMITTED sees a row another connection commits in the middle of the transaction; REPEATABLE
    // READ keeps reading its first snapshot.
    const peer = await openPeerDb(db);
    try {
      let n = 0;
      const seesNewRow = (trx: Tx) =>
        trx
          .selectFrom("job_schedules")
          .select("name")
          .execute()
          .then(async (before) => {
            await peer.db
              .insertInto("job_schedules")
              .values({ name: `peer-${++n}`, type: "t", payload: "null", interval_ms: 1, next_run_at: 0 })
              .execute();
            const after = await trx.selectFrom("job_schedules").select("name").execute();
            return after.length > before.length;
          });
      expect(await transact(db, seesNewRow)).toBe(false);
      expect(await transact(db, seesNewRow, { readCommitted: true })).toBe(true);
    } finally {
      await peer.close();
    }
  });
});
