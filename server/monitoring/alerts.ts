import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../errors";
import { leadRecipients, mailStaff, onDutyRecipients } from "./notify-staff";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

export const DEFAULT_ESCALATE_AFTER_MS = 10 * 60_000;

export interface AlertView {
  id: number;
  monitorId: number;
  monitorName: string;
  incidentId: number | null;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  escalatedAt: number | null;
  closedAt: number | null;
}

function alertsQuery(db: DB) {
  return db
    .selectFrom("monitor_alerts as a")
    .innerJoin("monitors as m", "m.id", "a.monitor_id")
    .leftJoin("users as u", "u.id", "a.acknowledged_by")
    .select([
      "a.id",
      "a.monitor_id",
      "m.name as monitor_name",
      "a.incident_id",
      "a.opened_at",
      "a.acknowledged_at",
      "u.name as ack_name",
      "a.escalated_at",
      "a.closed_at",
    ]);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertsQuery>["execute"]>>[number];
const view = (r: AlertRow): AlertView => ({
  id: r.id,
  monitorId: r.monitor_id,
  monitorName: r.monitor_name,
  incidentId: r.incident_id,
  openedAt: Number(r.opened_at),
  acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
  acknowledgedBy: r.ack_name ?? null,
  escalatedAt: r.escalated_at === null ? null : Number(r.escalated_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
});

/** Open alerts, newest first: what the staff header shows. */
export async function findActiveAlerts(db: DB): Promise<AlertView[]> {
  const rows = await alertsQuery(db).where("a.closed_at", "is", null).orderBy("a.id", "desc").limit(50).execute();
  return rows.map(view);
}

/** A page of alerts, newest first (open only, or all). */
export async function findAlerts(db: DB, input: { open: boolean; cursor?: number; limit: number }) {
  let q = alertsQuery(db)
    .orderBy("a.id", "desc")
    .limit(input.limit + 1);
  if (input.open) q = q.where("a.closed_at", "is", null);
  if (input.cursor) q = q.where("a.id", "<", input.cursor);
  const rows = (await q.execute()).map(view);
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: more ? items[items.length - 1].id : null };
}

/** A monitor went down: one open alert per outage, emailed to whoever is on duty. */
export async function openAlert(
  trx: Tx,
  now: number,
  monitor: { id: number; name: string },
  incidentId: number | null,
  appUrl: string,
): Promise<number> {
  const existing = await trx
    .selectFrom("monitor_alerts")
    .select("id")
    .where("monitor_id", "=", monitor.id)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const res = await trx
    .insertInto("monitor_alerts")
    .values({
      monitor_id: monitor.id,
      incident_id: incidentId,
      opened_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      escalated_at: null,
      closed_at: null,
    })
    .executeTakeFirstOrThrow();
  await mailStaff(trx, now, await onDutyRecipients(trx), {
    subject: "monitoring.email.down.subject",
    body: "monitoring.email.down.body",
    vars: { name: monitor.name, link: `${appUrl}/admin/monitors/${monitor.id}` },
  });
  return Number(res.insertId);
}

export async function closeAlerts(trx: Tx, monitorId: number, now: number): Promise<void> {
  await trx
    .updateTable("monitor_alerts")
    .set({ closed_at: now })
    .where("monitor_id", "=", monitorId)
    .where("closed_at", "is", null)
    .execute();
}

/** One click: the alert stops escalating. Closed or unknown alerts are NOT_FOUND; a second click changes nothing. */
export async function acknowledgeAlert(db: DB, ctx: RequestCtx, alertId: number): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw notFound(msg("monitoring.err.alertNotFound"));
  await transact(db, async (trx) => {
    const alert = await forUpdate(
      trx,
      trx.selectFrom("monitor_alerts").selectAll().where("id", "=", alertId).where("closed_at", "is", null),
    ).executeTakeFirst();
    if (!alert) throw notFound(msg("monitoring.err.alertNotFound"));
    if (alert.acknowledged_at !== null) return;
    const now = ctx.now();
    await trx.updateTable("monitor_alerts").set({ acknowledged_at: now, acknowledged_by: actor.id }).where("id", "=", alertId).execute();
    await recordAudit(trx, ctx, {
      action: "alert.acknowledged",
      entityType: "monitor_alert",
      entityId: alertId,
      after: { monitorId: alert.monitor_id },
    });
  });
}

/** Alerts nobody acknowledged within `afterMs` go to the leads, once. Returns how many escalated. */
export async function escalateAlerts(db: DB, ctx: RequestCtx, opts: { afterMs: number; appUrl: string }): Promise<number> {
  const now = ctx.now();
  return transact(
    db,
    async (trx) => {
      const due = await forUpdate(
        trx,
        trx
          .selectFrom("monitor_alerts as a")
          .innerJoin("monitors as m", "m.id", "a.monitor_id")
          .select(["a.id", "a.monitor_id", "a.opened_at", "m.name"])
          .where("a.closed_at", "is", null)
          .where("a.acknowledged_at", "is", null)
          .where("a.escalated_at", "is", null)
          .where("a.opened_at", "<=", now - opts.afterMs)
          .orderBy("a.id")
          .limit(100),
        { skipLocked: true },
      ).execute();
      if (due.length === 0) return 0;
      const leads = await leadRecipients(trx);
      for (const a of due) {
        await trx.updateTable("monitor_alerts").set({ escalated_at: now }).where("id", "=", a.id).execute();
        await mailStaff(trx, now, leads, {
          subject: "monitoring.email.escalated.subject",
          body: "monitoring.email.escalated.body",
          vars: {
            name: a.name,
            minutes: Math.round((now - Number(a.opened_at)) / 60_000),
            link: `${opts.appUrl}/admin/monitors/${a.monitor_id}`,
          },
        });
        await recordAudit(trx, ctx, {
          action: "alert.escalated",
          entityType: "monitor_alert",
          entityId: a.id,
          after: { to: leads.length },
        });
      }
      return due.length;
    },
    { readCommitted: true },
  );
}
