import "server-only";
import type { DB } from "../db/connect";
import { fromJson } from "../db/json";
import type { JobStatus } from "../db/schema";
import { toKeyPage } from "../db/key-page";

export interface JobListItem {
  id: number;
  type: string;
  payload: unknown;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface JobPage {
  items: JobListItem[];
  nextCursor: number | null;
}

/** Jobs for the admin screen, newest first, paginated by id so pages stay stable while jobs are added. */
export async function findJobs(db: DB, input: { status?: JobStatus; cursor?: number; limit: number }): Promise<JobPage> {
  let q = db
    .selectFrom("jobs")
    .selectAll()
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.status) q = q.where("status", "=", input.status);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  const rows = await q.execute();
  return toKeyPage(rows, input.limit, (r) => ({
    id: r.id,
    type: r.type,
    payload: fromJson(r.payload),
    status: r.status,
    runAt: r.run_at,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
