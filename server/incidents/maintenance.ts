import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { forUpdate } from "../db/dialect";
import type { Maintenance } from "../db/schema";
import type { RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { emitStatusEvent } from "../status/events";
import { assertCan } from "../components/access";
import { recomputeComponentStatuses } from "../components/recompute-status";
import { ZId } from "../components/schemas";
import { msg } from "@/lib/i18n";
import { ZEditMaintenance, ZScheduleMaintenance, type TEditMaintenance, type TScheduleMaintenance } from "./schemas";
import { assertComponentsExist } from "./store";
import { transact } from "../db/transact";

const maintenanceNotFound = () => notFound(msg("incidents.err.maintenanceNotFound"));

export async function lockMaintenanceOrThrow(trx: Tx, id: number): Promise<Maintenance> {
  const m = await forUpdate(trx, trx.selectFrom("maintenances").selectAll().where("id", "=", id)).executeTakeFirst();
  if (!m) throw maintenanceNotFound();
  return m;
}

export async function maintenanceComponentIds(trx: Tx | DB, id: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("maintenance_components")
    .select("component_id")
    .where("maintenance_id", "=", id)
    .orderBy("component_id")
    .execute();
  return rows.map((r) => r.component_id);
}

async function setComponents(trx: Tx, id: number, componentIds: number[]): Promise<void> {
  await trx.deleteFrom("maintenance_components").where("maintenance_id", "=", id).execute();
  for (const cid of [...new Set(componentIds)])
    await trx.insertInto("maintenance_components").values({ maintenance_id: id, component_id: cid }).execute();
}

/** Announces a window ahead of time; the maintenance job starts and ends it on time. */
export async function scheduleMaintenance(db: DB, ctx: RequestCtx, raw: TScheduleMaintenance): Promise<{ id: number }> {
  assertCan(ctx, "status.manage");
  const input = ZScheduleMaintenance.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    await assertComponentsExist(trx, input.componentIds, "componentIds");
    const res = await trx
      .insertInto("maintenances")
      .values({
        title: input.title,
        body: input.body,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        status: "scheduled",
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    await setComponents(trx, id, input.componentIds);
    await recordAudit(trx, ctx, { action: "maintenance.scheduled", entityType: "maintenance", entityId: id, after: input });
    await emitStatusEvent(trx, now, { type: "maintenance.scheduled", maintenanceId: id });
    return { id };
  });
}

/** A scheduled or running window can change; a running one recomputes the components it gains or releases. */
export async function editMaintenance(db: DB, ctx: RequestCtx, raw: TEditMaintenance): Promise<void> {
  assertCan(ctx, "status.manage");
  const { id, ...input } = ZEditMaintenance.parse(raw);
  await transact(db, async (trx) => {
    const m = await lockMaintenanceOrThrow(trx, id);
    if (m.status === "completed" || m.status === "cancelled") throw new AppError("CONFLICT", msg("incidents.err.maintenanceOver"));
    await assertComponentsExist(trx, input.componentIds, "componentIds");
    const beforeComponents = await maintenanceComponentIds(trx, id);
    await trx
      .updateTable("maintenances")
      .set({ title: input.title, body: input.body, starts_at: input.startsAt, ends_at: input.endsAt, updated_at: ctx.now() })
      .where("id", "=", id)
      .execute();
    await setComponents(trx, id, input.componentIds);
    await recordAudit(trx, ctx, {
      action: "maintenance.updated",
      entityType: "maintenance",
      entityId: id,
      before: { title: m.title, body: m.body, startsAt: m.starts_at, endsAt: m.ends_at, componentIds: beforeComponents },
      after: input,
    });
    if (m.status === "in_progress") await recomputeComponentStatuses(trx, ctx, [...beforeComponents, ...input.componentIds]);
  });
}

/** Cancelling a scheduled window drops it; cancelling a running one ends it now. */
export async function cancelMaintenance(db: DB, ctx: RequestCtx, rawId: number): Promise<void> {
  assertCan(ctx, "status.manage");
  const id = ZId.parse(rawId);
  await transact(db, async (trx) => {
    const m = await lockMaintenanceOrThrow(trx, id);
    if (m.status === "scheduled") {
      await trx.updateTable("maintenances").set({ status: "cancelled", updated_at: ctx.now() }).where("id", "=", id).execute();
      await recordAudit(trx, ctx, {
        action: "maintenance.cancelled",
        entityType: "maintenance",
        entityId: id,
        before: { status: m.status },
        after: { status: "cancelled" },
      });
      await emitStatusEvent(trx, ctx.now(), { type: "maintenance.cancelled", maintenanceId: id });
      return;
    }
    if (m.status !== "in_progress") throw new AppError("CONFLICT", msg("incidents.err.maintenanceOver"));
    await completeMaintenanceInTx(trx, ctx, m);
  });
}

export async function startMaintenanceInTx(trx: Tx, ctx: RequestCtx, m: Maintenance): Promise<void> {
  const now = ctx.now();
  await trx.updateTable("maintenances").set({ status: "in_progress", updated_at: now }).where("id", "=", m.id).execute();
  await recordAudit(trx, ctx, {
    action: "maintenance.started",
    entityType: "maintenance",
    entityId: m.id,
    before: { status: m.status },
    after: { status: "in_progress" },
  });
  await recomputeComponentStatuses(trx, ctx, await maintenanceComponentIds(trx, m.id));
  await emitStatusEvent(trx, now, { type: "maintenance.started", maintenanceId: m.id });
}

/** Ends a window (on time, early by hand, or late if the app was down): components are recomputed. */
export async function completeMaintenanceInTx(trx: Tx, ctx: RequestCtx, m: Maintenance): Promise<void> {
  const now = ctx.now();
  const endsAt = Math.min(m.ends_at, now);
  await trx.updateTable("maintenances").set({ status: "completed", ends_at: endsAt, updated_at: now }).where("id", "=", m.id).execute();
  await recordAudit(trx, ctx, {
    action: "maintenance.completed",
    entityType: "maintenance",
    entityId: m.id,
    before: { status: m.status, endsAt: m.ends_at },
    after: { status: "completed", endsAt },
  });
  await recomputeComponentStatuses(trx, ctx, await maintenanceComponentIds(trx, m.id));
  await emitStatusEvent(trx, now, { type: "maintenance.completed", maintenanceId: m.id });
}

/** Upcoming and running windows first, then recent history. */
export async function findMaintenances(db: DB, ctx: RequestCtx) {
  assertCan(ctx, "status.manage");
  const [current, past, links] = await Promise.all([
    db
      .selectFrom("maintenances")
      .selectAll()
      .where("status", "in", ["scheduled", "in_progress"])
      .orderBy("starts_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("maintenances")
      .selectAll()
      .where("status", "in", ["completed", "cancelled"])
      .orderBy("ends_at", "desc")
      .orderBy("id", "desc")
      .limit(20)
      .execute(),
    db.selectFrom("maintenance_components").selectAll().execute(),
  ]);
  const row = (m: Maintenance) => ({
    id: m.id,
    title: m.title,
    body: m.body,
    status: m.status,
    startsAt: Number(m.starts_at),
    endsAt: Number(m.ends_at),
    componentIds: links.filter((l) => l.maintenance_id === m.id).map((l) => l.component_id),
  });
  return { current: current.map(row), past: past.map(row) };
}
