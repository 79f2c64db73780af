import "server-only";
import type { DB } from "../db/connect";
import { forUpdate, isUniqueViolation } from "../db/dialect";
import { fromJson, toJson } from "../db/json";
import { enqueueJob } from "./queue";
import { transact } from "../db/transact";

export interface ScheduleInput {
  name: string;
  type: string;
  payload: unknown;
  intervalMs: number;
}

/**
 * Declares a recurring job; every instance calls this at start with the same definition.
 * A new schedule is due at once; an existing one keeps its next run time, so restarts do not
 * re-run it. Two instances starting together may both try to insert: the loser updates instead.
 */
export async function ensureSchedule(db: DB, now: number, input: ScheduleInput): Promise<void> {
  if (!Number.isInteger(input.intervalMs) || input.intervalMs < 1) throw new Error("intervalMs must be a positive integer");
  const fields = { type: input.type, payload: toJson(input.payload) ?? "null", interval_ms: input.intervalMs };
  const update = () => db.updateTable("job_schedules").set(fields).where("name", "=", input.name).execute();
  const existing = await db.selectFrom("job_schedules").select("name").where("name", "=", input.name).executeTakeFirst();
  if (existing) {
    await update();
    return;
  }
  try {
    await db
      .insertInto("job_schedules")
      .values({ name: input.name, ...fields, next_run_at: now })
      .execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await update();
  }
}

/**
 * Enqueues one job per due schedule and moves each schedule to its next run, in one transaction:
 * the job and the advance commit together. Locked rows are skipped, so when several instances tick
 * at once exactly one of them enqueues a given run. Missed runs are not caught up: the next run is
 * one interval from now.
 */
export async function enqueueDueSchedules(db: DB, now: number): Promise<number> {
  return transact(
    db,
    async (trx) => {
      const due = await forUpdate(trx, trx.selectFrom("job_schedules").selectAll().where("next_run_at", "<=", now).orderBy("name"), {
        skipLocked: true,
      }).execute();
      for (const s of due) {
        await enqueueJob(trx, now, { type: s.type, payload: fromJson(s.payload) });
        await trx
          .updateTable("job_schedules")
          .set({ next_run_at: now + Number(s.interval_ms) })
          .where("name", "=", s.name)
          .execute();
      }
      return due.length;
    },
    { readCommitted: true },
  );
}
