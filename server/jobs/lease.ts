import "server-only";
import type { DB } from "../db/connect";
import { forUpdate } from "../db/dialect";
import type { Job } from "../db/schema";
import { retryOnLockConflict, transact } from "../db/transact";

/** What a worker holds after claiming: `attempts` doubles as the fencing token of this claim. */
export type ClaimedJob = Pick<Job, "id" | "type" | "payload" | "attempts" | "max_attempts">;

const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * Delay before the next attempt: 10 s, 20 s, 40 s … capped at one hour. No jitter: retries are spread
 * by their different failure times already, and a deterministic schedule is testable.
 */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  // `text` holds 64 KB on MySQL; a stack-sized message is all anyone reads.
  return text.slice(0, 4000);
}

/**
 * Claims up to `batchSize` due jobs in one short transaction. A running job whose lease has expired
 * belongs to a worker that died, so it is due again. SKIP LOCKED lets concurrent workers take
 * disjoint batches instead of queueing behind each other.
 */
export async function claimJobs(
  db: DB,
  now: number,
  opts: { workerId: string; leaseMs: number; batchSize: number },
): Promise<ClaimedJob[]> {
  return transact(
    db,
    async (trx) => {
      const due = await forUpdate(
        trx,
        trx
          .selectFrom("jobs")
          .select(["id", "type", "payload", "status", "attempts", "max_attempts"])
          .where((eb) =>
            eb.or([
              eb.and([eb("status", "=", "pending"), eb("run_at", "<=", now)]),
              eb.and([eb("status", "=", "running"), eb("lease_until", "<", now)]),
            ]),
          )
          .orderBy("run_at")
          .orderBy("id")
          .limit(opts.batchSize),
        { skipLocked: true },
      ).execute();
      // A job whose final attempt never reported back (its process died mid-job) gets no further
      // attempt: otherwise a job that crashes its worker would be retried forever.
      const exhausted = due.filter((j) => j.status === "running" && j.attempts >= j.max_attempts).map((j) => j.id);
      const claimed = due.filter((j) => !exhausted.includes(j.id));
      if (exhausted.length > 0) {
        await trx
          .updateTable("jobs")
          .set({ status: "dead", last_error: "lease expired during the final attempt", lease_until: null, updated_at: now })
          .where("id", "in", exhausted)
          .execute();
      }
      if (claimed.length === 0) return [];
      await trx
        .updateTable("jobs")
        .set((eb) => ({
          status: "running",
          lease_until: now + opts.leaseMs,
          locked_by: opts.workerId,
          attempts: eb("attempts", "+", 1),
          updated_at: now,
        }))
        .where(
          "id",
          "in",
          claimed.map((j) => j.id),
        )
        .execute();
      return claimed.map((j) => ({
        id: j.id,
        type: j.type,
        payload: j.payload,
        attempts: j.attempts + 1,
        max_attempts: j.max_attempts,
      }));
    },
    { readCommitted: true },
  );
}

/** Only the current holder of the claim may settle a job; a worker whose lease was taken over is ignored. */
function fenced(db: DB, job: ClaimedJob, workerId: string) {
  return db
    .updateTable("jobs")
    .where("id", "=", job.id)
    .where("status", "=", "running")
    .where("locked_by", "=", workerId)
    .where("attempts", "=", job.attempts);
}

/** Marks a claimed job done. Returns false when the claim was lost (fenced off). */
export async function completeJob(db: DB, now: number, job: ClaimedJob, workerId: string): Promise<boolean> {
  const res = await retryOnLockConflict(() =>
    fenced(db, job, workerId).set({ status: "done", lease_until: null, last_error: null, updated_at: now }).executeTakeFirst(),
  );
  return Number(res.numUpdatedRows) > 0;
}

/** Schedules a retry with backoff, or dead-letters the job when retrying is pointless or used up. */
export async function failJob(
  db: DB,
  now: number,
  job: ClaimedJob,
  workerId: string,
  err: unknown,
  opts: { permanent?: boolean } = {},
): Promise<"retry" | "dead" | "fenced"> {
  const dead = opts.permanent === true || job.attempts >= job.max_attempts;
  const res = await retryOnLockConflict(() =>
    fenced(db, job, workerId)
      .set(
        dead
          ? { status: "dead", lease_until: null, last_error: errorText(err), updated_at: now }
          : {
              status: "pending",
              run_at: now + backoffMs(job.attempts),
              lease_until: null,
              locked_by: null,
              last_error: errorText(err),
              updated_at: now,
            },
      )
      .executeTakeFirst(),
  );
  if (Number(res.numUpdatedRows) === 0) return "fenced";
  return dead ? "dead" : "retry";
}
