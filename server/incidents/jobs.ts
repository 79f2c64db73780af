import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** Maintenance windows starting and ending on time. */
export function incidentJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
