import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { toJson } from "../db/json";

/** The database or a transaction: enqueueing inside the caller's transaction ties the job to its write. */
export type Executor = Kysely<Database>;

export interface EnqueueInput {
  type: string;
  payload: unknown;
  /** Not before this time (epoch ms); defaults to now. */
  runAt?: number;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** A new job's row. */
function jobRow(now: number, input: EnqueueInput) {
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts must be a positive integer");
  return {
    type: input.type,
    payload: toJson(input.payload) ?? "null",
    status: "pending" as const,
    run_at: input.runAt ?? now,
    attempts: 0,
    max_attempts: maxAttempts,
    lease_until: null,
    locked_by: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Adds a job. Pass the request's transaction so the job exists exactly when the caller's write
 * commits: a rolled-back request leaves no orphan job, and a committed one never loses its job.
 */
export async function enqueueJob(executor: Executor, now: number, input: EnqueueInput): Promise<number> {
  const res = await executor.insertInto("jobs").values(jobRow(now, input)).executeTakeFirstOrThrow();
  return Number(res.insertId);
}

/** Rows per INSERT when many jobs are added at once. */
const JOBS_PER_INSERT = 500;

/** Adds many jobs with multi-row inserts (a batch of notifications' emails), in the caller's transaction. */
export async function enqueueJobs(executor: Executor, now: number, inputs: readonly EnqueueInput[]): Promise<void> {
  const rows = inputs.map((input) => jobRow(now, input));
  for (let i = 0; i < rows.length; i += JOBS_PER_INSERT) {
    await executor
      .insertInto("jobs")
      .values(rows.slice(i, i + JOBS_PER_INSERT))
      .execute();
  }
}

/**
 * Thrown by a handler when retrying cannot help (bad payload, row gone): the job goes straight to
 * dead instead of burning its remaining attempts over the next hour.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}
