import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** The jobs of ticket lifecycle: closing solved tickets after the configured days. */
export function ticketLifeJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
