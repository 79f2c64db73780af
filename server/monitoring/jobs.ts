import "server-only";
import type { DB } from "../db";
import type { JobSet } from "../jobs/job-set";
import { systemCtx } from "../context";
import { claimAndStartChecks } from "./scheduler";
import { escalateAlerts, DEFAULT_ESCALATE_AFTER_MS } from "./alerts";
import { resolveQuietIncidents, DEFAULT_QUIET_MS } from "./auto-incidents";
import { pruneMonitorHistory, DEFAULT_CHECK_RETENTION_DAYS } from "./retention";
import { requestStatusRevalidation } from "../status/revalidate";

export const MONITORING_TICK_JOB = "monitoring.tick";
export const MONITORING_ESCALATE_JOB = "monitoring.escalate";
export const MONITORING_RESOLVE_JOB = "monitoring.resolve";
export const MONITORING_RETENTION_JOB = "monitoring.retention";

export interface MonitoringOptions {
  /** Public URL for links in alert emails and heartbeat URLs. */
  appUrl?: string;
  /** Days of raw checks to keep (CHECK_RETENTION_DAYS). */
  checkRetentionDays?: number;
  escalateAfterMs?: number;
  quietMs?: number;
  tickMs?: number;
  /** Called after a change the public status page shows has committed (default: revalidate it, debounced). */
  onPublicChange?: () => void;
}

/**
 * Monitor checks, rollups, retention and alert escalation. The tick claims due monitors with row leases
 * (SKIP LOCKED), so instances sharing a database share the checks and never run one twice.
 */
export function monitoringJobs(db: DB, opts: MonitoringOptions = {}): JobSet {
  const appUrl = opts.appUrl ?? "";
  const onPublicChange = opts.onPublicChange ?? requestStatusRevalidation;
  return {
    handlers: {
      [MONITORING_TICK_JOB]: async (_payload, ctx) => {
        // Claim what falls due before the next tick can start (tick interval + the worker's poll), and
        // start each check at its moment: drift stays well under a second instead of up to a tick.
        const { done } = await claimAndStartChecks(db, { now: ctx.now, appUrl, lookaheadMs: (opts.tickMs ?? 3000) + 2000, onPublicChange });
        void done.catch((err) => console.error("[mayak] monitor checks failed", err));
      },
      [MONITORING_ESCALATE_JOB]: async (_payload, ctx) => {
        await escalateAlerts(db, systemCtx(ctx.now), { afterMs: opts.escalateAfterMs ?? DEFAULT_ESCALATE_AFTER_MS, appUrl });
      },
      [MONITORING_RESOLVE_JOB]: async (_payload, ctx) => {
        if ((await resolveQuietIncidents(db, systemCtx(ctx.now), opts.quietMs ?? DEFAULT_QUIET_MS)) > 0) onPublicChange();
      },
      [MONITORING_RETENTION_JOB]: async (_payload, ctx) => {
        await pruneMonitorHistory(db, ctx.now(), { checkDays: opts.checkRetentionDays ?? DEFAULT_CHECK_RETENTION_DAYS });
      },
    },
    schedules: [
      // A single tick job is at most a few seconds late; `maxAttempts` stays default: a tick is idempotent.
      { name: MONITORING_TICK_JOB, type: MONITORING_TICK_JOB, payload: {}, intervalMs: opts.tickMs ?? 3000 },
      { name: MONITORING_ESCALATE_JOB, type: MONITORING_ESCALATE_JOB, payload: {}, intervalMs: 60_000 },
      { name: MONITORING_RESOLVE_JOB, type: MONITORING_RESOLVE_JOB, payload: {}, intervalMs: 60_000 },
      { name: MONITORING_RETENTION_JOB, type: MONITORING_RETENTION_JOB, payload: {}, intervalMs: 24 * 3_600_000 },
    ],
  };
}
