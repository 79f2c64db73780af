import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { forUpdate } from "../db/dialect";
import { notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { msg } from "@/lib/i18n";
import { assertCan } from "./access";
import { ZGroupInput, ZReorder, ZUpdateGroup, ZId, type TGroupInput, type TReorder, type TUpdateGroup } from "./schemas";
import { transact } from "../db/transact";

const groupNotFound = () => notFound(msg("incidents.err.groupNotFound"));

export async function createGroup(db: DB, ctx: RequestCtx, raw: TGroupInput): Promise<{ id: number }> {
  assertCan(ctx, "status.manage");
  const input = ZGroupInput.parse(raw);
  return transact(db, async (trx) => {
    const last = await trx
      .selectFrom("status_groups")
      .select((eb) => eb.fn.max("position").as("p"))
      .executeTakeFirst();
    const position = Number(last?.p ?? 0) + 10;
    const res = await trx
      .insertInto("status_groups")
      .values({ name_en: input.nameEn, name_ru: input.nameRu, position, created_at: ctx.now() })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    await recordAudit(trx, ctx, {
      action: "status_group.created",
      entityType: "status_group",
      entityId: id,
      after: { ...input, position },
    });
    return { id };
  });
}

export async function updateGroup(db: DB, ctx: RequestCtx, raw: TUpdateGroup): Promise<void> {
  assertCan(ctx, "status.manage");
  const input = ZUpdateGroup.parse(raw);
  await transact(db, async (trx) => {
    const g = await forUpdate(trx, trx.selectFrom("status_groups").selectAll().where("id", "=", input.id)).executeTakeFirst();
    if (!g) throw groupNotFound();
    await trx.updateTable("status_groups").set({ name_en: input.nameEn, name_ru: input.nameRu }).where("id", "=", g.id).execute();
    await recordAudit(trx, ctx, {
      action: "status_group.updated",
      entityType: "status_group",
      entityId: g.id,
      before: { nameEn: g.name_en, nameRu: g.name_ru },
      after: { nameEn: input.nameEn, nameRu: input.nameRu },
    });
  });
}

/** Deleting a group keeps its components: they move to "no group". */
export async function deleteGroup(db: DB, ctx: RequestCtx, rawId: number): Promise<void> {
  assertCan(ctx, "status.manage");
  const id = ZId.parse(rawId);
  await transact(db, async (trx) => {
    const g = await forUpdate(trx, trx.selectFrom("status_groups").selectAll().where("id", "=", id)).executeTakeFirst();
    if (!g) throw groupNotFound();
    const moved = await trx.selectFrom("status_components").select("id").where("group_id", "=", id).execute();
    await trx.updateTable("status_components").set({ group_id: null, updated_at: ctx.now() }).where("group_id", "=", id).execute();
    await trx.deleteFrom("status_groups").where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "status_group.deleted",
      entityType: "status_group",
      entityId: id,
      before: { nameEn: g.name_en, nameRu: g.name_ru, components: moved.map((c) => c.id) },
    });
  });
}

export async function reorderGroups(db: DB, ctx: RequestCtx, raw: TReorder): Promise<void> {
  assertCan(ctx, "status.manage");
  const input = ZReorder.parse(raw);
  await transact(db, async (trx) => {
    const rows = await trx.selectFrom("status_groups").select(["id", "position"]).orderBy("position").orderBy("id").execute();
    const order = orderedIds(
      rows.map((r) => r.id),
      input.ids,
    );
    if (!order) throw groupNotFound();
    for (const [i, id] of order.entries())
      await trx
        .updateTable("status_groups")
        .set({ position: (i + 1) * 10 })
        .where("id", "=", id)
        .execute();
    await recordAudit(trx, ctx, {
      action: "status_group.reordered",
      entityType: "status_group",
      entityId: "all",
      before: { ids: rows.map((r) => r.id) },
      after: { ids: order },
    });
  });
}

/** The listed ids first, then the others in their current order; null when a listed id does not exist. */
export function orderedIds(existing: number[], wanted: number[]): number[] | null {
  const known = new Set(existing);
  if (wanted.some((id) => !known.has(id))) return null;
  const listed = [...new Set(wanted)];
  const rest = existing.filter((id) => !listed.includes(id));
  return [...listed, ...rest];
}
