import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { MonitorState } from "../db/schema";
import { systemCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { addToRollups } from "./rollups";
import { isUnderMaintenance } from "./maintenance";
import { nextMonitorState } from "./state-machine";
import { syncComponentStatus } from "./component-status";
import { loadOutageSubject, markIncidentRecovering, openOrReopenIncident } from "./auto-incidents";
import { closeAlerts, openAlert } from "./alerts";
import type { CheckOutcome } from "./runners";
import { transact } from "../db/transact";

export interface CheckRecord extends CheckOutcome {
  monitorId: number;
  /** When the check was due; `checkedAt - scheduledAt` is the scheduler's drift. */
  scheduledAt: number;
  /** When the check started. */
  checkedAt: number;
}

/**
 * A monitor that went down during maintenance and is still down after it: it never had its alert.
 * An open alert means the outage is already known (even if staff resolved its incident by hand).
 */
async function outlastedMaintenance(trx: Tx, monitorId: number): Promise<boolean> {
  const alert = await trx
    .selectFrom("monitor_alerts")
    .select("id")
    .where("monitor_id", "=", monitorId)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  return !alert;
}

export interface RecordOptions {
  appUrl: string;
  /** The time the result is written (defaults to checkedAt): incidents and alerts carry it. */
  now?: number;
  /** Called once the transaction has committed, when the result changed what the public status page shows. */
  onPublicChange?: () => void;
}

/**
 * Writes one result and everything that follows from it, in one transaction: the raw check, the hourly
 * and daily rollups, the monitor's counters and state, and on a transition the component status, the
 * automatic incident, the alert and its emails, with audit events. A monitor deleted or paused while its
 * check ran is left alone. Returns the monitor's new state (null when nothing was written).
 */
export async function recordCheck(db: DB, rec: CheckRecord, opts: RecordOptions): Promise<MonitorState | null> {
  const now = opts.now ?? rec.checkedAt;
  const ctx = systemCtx(() => now);
  let publicChange = false;
  const state = await transact(db, async (trx) => {
    const m = await forUpdate(trx, trx.selectFrom("monitors").selectAll().where("id", "=", rec.monitorId)).executeTakeFirst();
    if (!m || !m.enabled) return null;
    const maintenance = await isUnderMaintenance(trx, m.component_id, rec.checkedAt);
    const error = rec.error?.slice(0, 300) ?? null;

    await trx
      .insertInto("monitor_checks")
      .values({
        monitor_id: m.id,
        checked_at: rec.checkedAt,
        scheduled_at: rec.scheduledAt,
        result: rec.result,
        latency_ms: rec.latencyMs,
        error,
      })
      .execute();
    await addToRollups(trx, m.id, rec.checkedAt, maintenance ? "maintenance" : rec.result, rec.latencyMs);

    const next = nextMonitorState(
      { state: m.state, consecutiveFailures: m.consecutive_failures, consecutiveSuccesses: m.consecutive_successes },
      rec.result,
      { failThreshold: m.fail_threshold, recoverThreshold: m.recover_threshold },
    );
    await trx
      .updateTable("monitors")
      .set({
        state: next.state,
        consecutive_failures: next.consecutiveFailures,
        consecutive_successes: next.consecutiveSuccesses,
        last_checked_at: rec.checkedAt,
        last_latency_ms: rec.latencyMs,
        last_error: error,
        lease_until: null,
        updated_at: now,
      })
      .where("id", "=", m.id)
      .execute();
    if (next.event === null) {
      if (next.state === "down" && !maintenance && (await outlastedMaintenance(trx, m.id))) {
        const subject = (await loadOutageSubject(trx, m.id))!;
        const incidentId = await openOrReopenIncident(trx, ctx, subject, now);
        await openAlert(trx, now, { id: m.id, name: m.name }, incidentId, opts.appUrl);
        await syncComponentStatus(trx, ctx, m.component_id, now);
        publicChange = true;
      }
      return next.state;
    }

    await recordAudit(trx, ctx, {
      action: "monitor.state_changed",
      entityType: "monitor",
      entityId: m.id,
      before: { state: m.state },
      after: { state: next.state, error, maintenance },
    });
    const subject = (await loadOutageSubject(trx, m.id))!;
    // During maintenance a failure is expected: no incident, no alert, no page to staff.
    if (next.event === "down" && !maintenance) {
      const incidentId = await openOrReopenIncident(trx, ctx, subject, now);
      await openAlert(trx, now, { id: m.id, name: m.name }, incidentId, opts.appUrl);
    }
    if (next.event === "recovered") {
      const monitoring = await markIncidentRecovering(trx, ctx, subject, now);
      // No incident left to watch (staff resolved it, or none was opened): the alert has nothing to wait for.
      if (!monitoring) await closeAlerts(trx, m.id, now);
    }
    await syncComponentStatus(trx, ctx, m.component_id, now);
    publicChange = true;
    return next.state;
  });
  if (publicChange) opts.onPublicChange?.();
  return state;
}
