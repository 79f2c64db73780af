import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { sweepSla, SWEEP_WORKERS } from "./sweep";
import { recomputeOpenTickets } from "./recompute";

export const SLA_SWEEP_JOB = "sla.sweep";
export const SLA_RECOMPUTE_JOB = "sla.recompute";

/**
 * The jobs of SLA clocks. The sweep runs every 15 s, so a warning or breach is acted on within well under a
 * minute; the recompute job follows a policy or calendar edit through the open tickets, a batch per run.
 */
// `appUrl` is taken for boot.ts's call; the notification centre builds its own links (server/notifications/notify.ts).
export function slaJobs(db: DB, _opts: { appUrl?: string } = {}): JobSet {
  return {
    handlers: {
      [SLA_SWEEP_JOB]: async (_payload, ctx) => {
        await sweepSla(db, ctx.now(), { workers: SWEEP_WORKERS });
      },
      [SLA_RECOMPUTE_JOB]: async (payload, ctx) => {
        await recomputeOpenTickets(db, ctx.now, payload as { afterId?: number });
      },
    },
    schedules: [{ name: SLA_SWEEP_JOB, type: SLA_SWEEP_JOB, payload: {}, intervalMs: 15_000 }],
  };
}
