import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { systemCtx } from "../context";
import { closeSolvedTickets } from "./auto-close";

export const AUTO_CLOSE_JOB = "ticket-life.auto-close";
/** Days after which a solved ticket closes, when the configuration does not say (TICKET_AUTO_CLOSE_DAYS). */
export const DEFAULT_AUTO_CLOSE_DAYS = 4;

/**
 * The jobs of ticket lifecycle: closing solved tickets after the configured days, every 15 minutes. The run
 * is a queued job (leased, so two instances never run one pass twice) and each ticket is closed in its own
 * locked transaction, so a pass that overlaps another closes nothing twice.
 */
export function ticketLifeJobs(db: DB, opts: { autoCloseDays?: number } = {}): JobSet {
  const days = opts.autoCloseDays ?? DEFAULT_AUTO_CLOSE_DAYS;
  return {
    handlers: {
      [AUTO_CLOSE_JOB]: async (_payload, ctx) => {
        // A long backlog (after an upgrade) is worked through in slices of 200 until none is due.
        for (;;) {
          const closed = await closeSolvedTickets(db, systemCtx(ctx.now), { days, limit: 200 });
          if (closed < 200) break;
        }
      },
    },
    schedules: [{ name: AUTO_CLOSE_JOB, type: AUTO_CLOSE_JOB, payload: {}, intervalMs: 900_000 }],
  };
}
