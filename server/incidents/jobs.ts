import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { advanceMaintenances } from "./maintenance-clock";

export const MAINTENANCE_TICK_JOB = "incidents.maintenance_tick";

/** Maintenance windows starting and ending on time. */
export function incidentJobs(db: DB): JobSet {
  return {
    handlers: {
      [MAINTENANCE_TICK_JOB]: async (_payload, ctx) => {
        await advanceMaintenances(db, ctx.now());
      },
    },
    schedules: [{ name: "incidents.maintenance", type: MAINTENANCE_TICK_JOB, payload: {}, intervalMs: 30_000 }],
  };
}
