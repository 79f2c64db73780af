import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { forUpdate, isUniqueViolation, type Tx } from "../db/dialect";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { msg } from "@/lib/i18n";
import { assertCan } from "./access";
import { orderedIds } from "./groups";
import { writeComponentStatus } from "./recompute-status";
import {
  ZComponentInput,
  ZId,
  ZReorder,
  ZSetComponentStatus,
  ZUpdateComponent,
  type TComponentInput,
  type TReorder,
  type TSetComponentStatus,
  type TUpdateComponent,
} from "./schemas";
import { transact } from "../db/transact";

const componentNotFound = () => notFound(msg("incidents.err.componentNotFound"));

function columnsOf(input: ReturnType<typeof ZComponentInput.parse>) {
  return {
    group_id: input.groupId,
    slug: input.slug,
    name_en: input.nameEn,
    name_ru: input.nameRu,
    description_en: input.descriptionEn,
    description_ru: input.descriptionRu,
  };
}

async function assertGroup(trx: Tx, groupId: number | null): Promise<void> {
  if (groupId === null) return;
  const g = await trx.selectFrom("status_groups").select("id").where("id", "=", groupId).executeTakeFirst();
  if (!g) throw new AppError("INVALID_INPUT", msg("incidents.err.groupNotFound"), "groupId");
}

async function withSlugCheck<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", msg("incidents.err.slugTaken"), "slug");
    throw err;
  }
}

export async function createComponent(db: DB, ctx: RequestCtx, raw: TComponentInput): Promise<{ id: number }> {
  assertCan(ctx, "status.manage");
  const input = ZComponentInput.parse(raw);
  const now = ctx.now();
  return withSlugCheck(() =>
    transact(db, async (trx) => {
      await assertGroup(trx, input.groupId);
      const last = await trx
        .selectFrom("status_components")
        .select((eb) => eb.fn.max("position").as("p"))
        .executeTakeFirst();
      const position = Number(last?.p ?? 0) + 10;
      const res = await trx
        .insertInto("status_components")
        .values({ ...columnsOf(input), status: "operational", position, created_at: now, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await recordAudit(trx, ctx, {
        action: "component.created",
        entityType: "status_component",
        entityId: id,
        after: { ...input, position },
      });
      return { id };
    }),
  );
}

export async function updateComponent(db: DB, ctx: RequestCtx, raw: TUpdateComponent): Promise<void> {
  assertCan(ctx, "status.manage");
  const { id, ...input } = ZUpdateComponent.parse(raw);
  await withSlugCheck(() =>
    transact(db, async (trx) => {
      const c = await forUpdate(trx, trx.selectFrom("status_components").selectAll().where("id", "=", id)).executeTakeFirst();
      if (!c) throw componentNotFound();
      await assertGroup(trx, input.groupId);
      const next = columnsOf(input);
      await trx
        .updateTable("status_components")
        .set({ ...next, updated_at: ctx.now() })
        .where("id", "=", id)
        .execute();
      const before = Object.fromEntries(Object.keys(next).map((k) => [k, c[k as keyof typeof next]]));
      await recordAudit(trx, ctx, { action: "component.updated", entityType: "status_component", entityId: id, before, after: next });
    }),
  );
}

/**
 * A component still watched by a monitor or affected by an active incident or running maintenance cannot go;
 * otherwise its links to past incidents and maintenance go with it.
 */
export async function deleteComponent(db: DB, ctx: RequestCtx, rawId: number): Promise<void> {
  assertCan(ctx, "status.manage");
  const id = ZId.parse(rawId);
  await transact(db, async (trx) => {
    const c = await forUpdate(trx, trx.selectFrom("status_components").selectAll().where("id", "=", id)).executeTakeFirst();
    if (!c) throw componentNotFound();
    const monitor = await trx.selectFrom("monitors").select("id").where("component_id", "=", id).executeTakeFirst();
    const incident = await trx
      .selectFrom("incident_components as ic")
      .innerJoin("incidents as i", "i.id", "ic.incident_id")
      .select("i.id")
      .where("ic.component_id", "=", id)
      .where("i.status", "!=", "resolved")
      .where("i.merged_into_id", "is", null)
      .executeTakeFirst();
    const maintenance = await trx
      .selectFrom("maintenance_components as mc")
      .innerJoin("maintenances as m", "m.id", "mc.maintenance_id")
      .select("m.id")
      .where("mc.component_id", "=", id)
      .where("m.status", "in", ["scheduled", "in_progress"])
      .executeTakeFirst();
    if (monitor || incident || maintenance) throw new AppError("CONFLICT", msg("incidents.err.componentInUse"));
    await trx.deleteFrom("incident_components").where("component_id", "=", id).execute();
    await trx.deleteFrom("maintenance_components").where("component_id", "=", id).execute();
    await trx.deleteFrom("status_components").where("id", "=", id).execute();
    await recordAudit(trx, ctx, { action: "component.deleted", entityType: "status_component", entityId: id, before: c });
  });
}

/** Positions are global; the status page orders components inside each group by them. */
export async function reorderComponents(db: DB, ctx: RequestCtx, raw: TReorder): Promise<void> {
  assertCan(ctx, "status.manage");
  const input = ZReorder.parse(raw);
  await transact(db, async (trx) => {
    const rows = await trx.selectFrom("status_components").select(["id"]).orderBy("position").orderBy("id").execute();
    const order = orderedIds(
      rows.map((r) => r.id),
      input.ids,
    );
    if (!order) throw componentNotFound();
    for (const [i, cid] of order.entries())
      await trx
        .updateTable("status_components")
        .set({ position: (i + 1) * 10 })
        .where("id", "=", cid)
        .execute();
    await recordAudit(trx, ctx, {
      action: "component.reordered",
      entityType: "status_component",
      entityId: "all",
      before: { ids: rows.map((r) => r.id) },
      after: { ids: order },
    });
  });
}

/** A lead's hand on the status. Incidents and maintenance recompute it again when they change. */
export async function setComponentStatus(db: DB, ctx: RequestCtx, raw: TSetComponentStatus): Promise<void> {
  assertCan(ctx, "status.manage");
  const input = ZSetComponentStatus.parse(raw);
  await transact(db, async (trx) => {
    const c = await forUpdate(
      trx,
      trx.selectFrom("status_components").select(["id", "status"]).where("id", "=", input.id),
    ).executeTakeFirst();
    if (!c) throw componentNotFound();
    if (c.status === input.status) return;
    await writeComponentStatus(trx, ctx, c.id, c.status, input.status);
  });
}
