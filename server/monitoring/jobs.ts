import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** Monitor checks, rollups, retention and alert escalation. */
export function monitoringJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
