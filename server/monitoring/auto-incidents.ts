import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { Incident, IncidentStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { emitStatusEvent } from "../status/events";
import { closeAlerts } from "./alerts";
import { transact } from "../db/transact";

/** How long a recovered monitor must stay free of failures before its incident resolves itself. */
export const DEFAULT_QUIET_MS = 10 * 60_000;

export interface OutageSubject {
  monitorId: number;
  monitorName: string;
  componentId: number | null;
  /** The component's English name, or the monitor's name when it watches no component. */
  displayName: string;
}

/** Who the public reads about: the component's English name, else the monitor's. */
export async function loadOutageSubject(trx: Tx, monitorId: number): Promise<OutageSubject | undefined> {
  const row = await trx
    .selectFrom("monitors as m")
    .leftJoin("status_components as c", "c.id", "m.component_id")
    .select(["m.id", "m.name", "m.component_id", "c.name_en"])
    .where("m.id", "=", monitorId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { monitorId: row.id, monitorName: row.name, componentId: row.component_id, displayName: row.name_en ?? row.name };
}

/**
 * The automatic incident of a monitor that is still ours to move: not resolved and not merged by staff.
 * Staff may have changed its status or text; that does not stop the monitor from updating it.
 */
export async function findOpenAutoIncident(trx: Tx, monitorId: number): Promise<Incident | undefined> {
  return forUpdate(
    trx,
    trx
      .selectFrom("incidents")
      .selectAll()
      .where("auto", "=", 1)
      .where("monitor_id", "=", monitorId)
      .where("status", "!=", "resolved")
      .where("merged_into_id", "is", null)
      .orderBy("id", "desc")
      .limit(1),
  ).executeTakeFirst();
}

async function addUpdate(
  trx: Tx,
  ctx: RequestCtx,
  incident: Pick<Incident, "id" | "status">,
  status: IncidentStatus,
  body: string,
  now: number,
) {
  const res = await trx
    .insertInto("incident_updates")
    .values({ incident_id: incident.id, status, body, author_id: null, created_at: now })
    .executeTakeFirstOrThrow();
  const updateId = Number(res.insertId);
  if (incident.status !== status) {
    await trx
      .updateTable("incidents")
      .set({ status, updated_at: now, ...(status === "resolved" ? { resolved_at: now } : {}) })
      .where("id", "=", incident.id)
      .execute();
  } else {
    await trx.updateTable("incidents").set({ updated_at: now }).where("id", "=", incident.id).execute();
  }
  const type = status === "resolved" ? "incident.resolved" : "incident.updated";
  await emitStatusEvent(trx, now, { type, incidentId: incident.id, updateId });
  await recordAudit(trx, ctx, {
    action: type,
    entityType: "incident",
    entityId: incident.id,
    before: { status: incident.status },
    after: { status, updateId, by: "monitor" },
  });
  return updateId;
}

/** The monitor went down: open an incident (or take back one that was only being monitored). Returns its id. */
export async function openOrReopenIncident(trx: Tx, ctx: RequestCtx, s: OutageSubject, now: number): Promise<number> {
  const open = await findOpenAutoIncident(trx, s.monitorId);
  if (open) {
    if (open.status === "monitoring") {
      await addUpdate(trx, ctx, open, "investigating", `${s.displayName} stopped responding again. We are investigating.`, now);
      await trx.updateTable("incident_components").set({ status: "major_outage" }).where("incident_id", "=", open.id).execute();
    }
    return open.id;
  }
  const res = await trx
    .insertInto("incidents")
    .values({
      title: `${s.displayName} is not responding`.slice(0, 200),
      impact: "major",
      status: "investigating",
      auto: 1,
      monitor_id: s.monitorId,
      started_at: now,
      resolved_at: null,
      merged_into_id: null,
      postmortem: null,
      postmortem_published_at: null,
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  const incidentId = Number(res.insertId);
  const upd = await trx
    .insertInto("incident_updates")
    .values({
      incident_id: incidentId,
      status: "investigating",
      body: `Our monitoring detected that ${s.displayName} is not responding. We are investigating.`,
      author_id: null,
      created_at: now,
    })
    .executeTakeFirstOrThrow();
  if (s.componentId !== null) {
    await trx
      .insertInto("incident_components")
      .values({ incident_id: incidentId, component_id: s.componentId, status: "major_outage" })
      .execute();
  }
  await emitStatusEvent(trx, now, { type: "incident.opened", incidentId, updateId: Number(upd.insertId) });
  await recordAudit(trx, ctx, {
    action: "incident.opened",
    entityType: "incident",
    entityId: incidentId,
    after: { status: "investigating", impact: "major", auto: true, monitorId: s.monitorId },
  });
  return incidentId;
}

/** The monitor is up again: its incident moves to monitoring until the quiet period has passed. */
export async function markIncidentRecovering(trx: Tx, ctx: RequestCtx, s: OutageSubject, now: number): Promise<boolean> {
  const open = await findOpenAutoIncident(trx, s.monitorId);
  if (!open || open.status === "monitoring") return !!open;
  await addUpdate(trx, ctx, open, "monitoring", `${s.displayName} is responding again. We are monitoring the situation.`, now);
  // While monitored, the incident no longer holds its components down.
  await trx.updateTable("incident_components").set({ status: "operational" }).where("incident_id", "=", open.id).execute();
  return true;
}

/**
 * Resolves automatic incidents whose monitor is up and has had no failed check for `quietMs` since the
 * incident moved to monitoring. Closes the monitor's alert with it.
 */
export async function resolveQuietIncidents(db: DB, ctx: RequestCtx, quietMs = DEFAULT_QUIET_MS): Promise<number> {
  const now = ctx.now();
  const candidates = await db
    .selectFrom("incidents as i")
    .innerJoin("monitors as m", "m.id", "i.monitor_id")
    .select(["i.id", "i.monitor_id"])
    .where("i.auto", "=", 1)
    .where("i.status", "=", "monitoring")
    .where("i.merged_into_id", "is", null)
    .where("m.state", "in", ["up", "degraded"])
    .execute();
  let resolved = 0;
  for (const c of candidates) {
    const done = await transact(db, async (trx) => {
      const incident = await findOpenAutoIncident(trx, c.monitor_id!);
      if (!incident || incident.id !== c.id || incident.status !== "monitoring") return false;
      const since = await trx
        .selectFrom("incident_updates")
        .select((eb) => eb.fn.max("created_at").as("t"))
        .where("incident_id", "=", incident.id)
        .where("status", "=", "monitoring")
        .executeTakeFirst();
      const lastFailure = await trx
        .selectFrom("monitor_checks")
        .select((eb) => eb.fn.max("checked_at").as("t"))
        .where("monitor_id", "=", c.monitor_id!)
        .where("result", "=", "down")
        .executeTakeFirst();
      const quietSince = Math.max(Number(since?.t ?? incident.updated_at), Number(lastFailure?.t ?? 0));
      if (now - quietSince < quietMs) return false;
      const subject = await loadOutageSubject(trx, c.monitor_id!);
      const minutes = Math.round(quietMs / 60_000);
      await addUpdate(
        trx,
        ctx,
        incident,
        "resolved",
        `${subject?.displayName ?? "The service"} has been working normally for ${minutes} minutes. This incident is resolved.`,
        now,
      );
      await closeAlerts(trx, c.monitor_id!, now);
      return true;
    });
    if (done) resolved++;
  }
  return resolved;
}
