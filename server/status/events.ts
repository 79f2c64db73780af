import "server-only";
import type { Tx } from "../db/dialect";
import { enqueueJob } from "../jobs/queue";

/**
 * Something subscribers hear about. Written in the transaction of the change itself (manual or automatic),
 * delivered later by the `status.notify` job (email through the outbox, signed webhooks).
 */
export type StatusEvent =
  | { type: "incident.opened"; incidentId: number; updateId: number }
  | { type: "incident.updated"; incidentId: number; updateId: number }
  | { type: "incident.resolved"; incidentId: number; updateId: number }
  | { type: "maintenance.scheduled"; maintenanceId: number }
  | { type: "maintenance.started"; maintenanceId: number }
  | { type: "maintenance.completed"; maintenanceId: number }
  | { type: "maintenance.cancelled"; maintenanceId: number };

export const STATUS_NOTIFY_JOB = "status.notify";

export async function emitStatusEvent(trx: Tx, now: number, event: StatusEvent): Promise<void> {
  await enqueueJob(trx, now, { type: STATUS_NOTIFY_JOB, payload: event });
}
