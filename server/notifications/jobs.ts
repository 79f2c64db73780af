import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** The jobs of notifications. */
export function notificationJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
