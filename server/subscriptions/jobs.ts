import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";

/** Delivery of status events to subscribers (email and signed webhooks). */
export function subscriptionJobs(_db: DB): JobSet {
  return { handlers: {}, schedules: [] };
}
