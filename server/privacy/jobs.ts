import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { systemCtx } from "../context";
import { applyRetention } from "./retention";

export const RETENTION_JOB = "privacy.retention";

/** The retention rules, applied every hour (they do nothing until an admin sets a limit). */
export function privacyJobs(db: DB): JobSet {
  return {
    handlers: {
      [RETENTION_JOB]: async (_payload, ctx) => {
        await applyRetention(db, systemCtx(ctx.now));
      },
    },
    schedules: [{ name: "privacy.retention", type: RETENTION_JOB, payload: {}, intervalMs: 3_600_000 }],
  };
}
