import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** The jobs of SLA clocks: the escalation sweep. */
export function slaJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
