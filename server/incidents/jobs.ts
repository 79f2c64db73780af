import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { advanceMaintenances } from "./maintenance-clock";
import { requestStatusRevalidation } from "../status/revalidate";

export const MAINTENANCE_TICK_JOB = "incidents.maintenance_tick";

/**
 * Maintenance windows starting and ending on time. `onPublicChange` runs after a window has started or
 * ended (committed); by default it revalidates the public status page.
 */
export function incidentJobs(db: DB, opts: { onPublicChange?: () => void } = {}): JobSet {
  const onPublicChange = opts.onPublicChange ?? requestStatusRevalidation;
  return {
    handlers: {
      [MAINTENANCE_TICK_JOB]: async (_payload, ctx) => {
        const { started, completed } = await advanceMaintenances(db, ctx.now());
        if (started.length + completed.length > 0) onPublicChange();
      },
    },
    schedules: [{ name: "incidents.maintenance", type: MAINTENANCE_TICK_JOB, payload: {}, intervalMs: 30_000 }],
  };
}
