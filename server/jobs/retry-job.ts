import "server-only";
import type { DB } from "../db/connect";
import { notFound } from "../errors";

/**
 * Puts a dead job back in the queue with a fresh set of attempts. Only dead jobs qualify: retrying a
 * pending or running one would race the worker that owns it. Anything else is NOT_FOUND.
 */
export async function retryJob(db: DB, now: number, id: number): Promise<void> {
  const res = await db
    .updateTable("jobs")
    .set({ status: "pending", run_at: now, attempts: 0, lease_until: null, locked_by: null, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "dead")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound("No dead job with that id");
}
