import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import type { Tx } from "../db/dialect";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { msg } from "@/lib/i18n";

const name = z.string().trim().min(2, msg("inbox.err.categoryName")).max(80, msg("inbox.err.categoryNameLong"));
export const ZSaveCategory = z.object({
  id: z.number().int().positive().optional(),
  nameEn: name,
  nameRu: name,
  position: z.number().int().min(0).max(10_000).default(0),
  archived: z.boolean().default(false),
  /** The team its new tickets are routed to; null: none; left out: unchanged. */
  teamId: z.number().int().positive().nullable().optional(),
});

export interface Category {
  id: number;
  nameEn: string;
  nameRu: string;
  position: number;
  archived: boolean;
  teamId: number | null;
}

/** Categories in their order; archived ones only when asked (the admin page), never in the customer's form. */
export async function findCategories(db: DB, opts: { archived?: boolean } = {}): Promise<Category[]> {
  let q = db
    .selectFrom("categories")
    .leftJoin("category_routing as r", "r.category_id", "categories.id")
    .selectAll("categories")
    .select("r.team_id")
    .orderBy("categories.position")
    .orderBy("categories.id");
  if (!opts.archived) q = q.where("categories.archived", "=", 0);
  return (await q.execute()).map((c) => ({
    id: c.id,
    nameEn: c.name_en,
    nameRu: c.name_ru,
    position: c.position,
    archived: c.archived === 1,
    teamId: c.team_id ?? null,
  }));
}

/** Sets the team a category's new tickets go to (server/routing); `undefined` leaves it as it is. */
async function routeCategory(trx: Tx, categoryId: number, teamId: number | null | undefined, now: number): Promise<void> {
  if (teamId === undefined) return;
  await trx.deleteFrom("category_routing").where("category_id", "=", categoryId).execute();
  if (teamId !== null)
    await trx.insertInto("category_routing").values({ category_id: categoryId, team_id: teamId, updated_at: now }).execute();
}

/** Creates or changes a category (taxonomy.manage), audited. Archiving keeps it on its tickets and out of the form. */
export async function saveCategory(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSaveCategory>): Promise<{ id: number }> {
  if (!can(ctx.actor, "taxonomy.manage")) throw notFound();
  const input = ZSaveCategory.parse(raw);
  const now = ctx.now();
  const values = {
    name_en: input.nameEn,
    name_ru: input.nameRu,
    position: input.position,
    archived: input.archived ? 1 : 0,
    updated_at: now,
  };
  return transact(db, async (trx) => {
    if (input.teamId && !(await trx.selectFrom("teams").select("id").where("id", "=", input.teamId).executeTakeFirst()))
      throw new AppError("INVALID_INPUT", msg("inbox.err.teamNotFound"), "teamId");
    if (input.id === undefined) {
      const res = await trx
        .insertInto("categories")
        .values({ ...values, created_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await routeCategory(trx, id, input.teamId, now);
      await recordAudit(trx, ctx, { action: "category.created", entityType: "category", entityId: id, after: input });
      return { id };
    }
    const before = await trx.selectFrom("categories").selectAll().where("id", "=", input.id).executeTakeFirst();
    if (!before) throw notFound();
    await trx.updateTable("categories").set(values).where("id", "=", input.id).execute();
    const route = await trx.selectFrom("category_routing").select("team_id").where("category_id", "=", input.id).executeTakeFirst();
    await routeCategory(trx, input.id, input.teamId, now);
    await recordAudit(trx, ctx, {
      action: "category.updated",
      entityType: "category",
      entityId: input.id,
      before: {
        nameEn: before.name_en,
        nameRu: before.name_ru,
        position: before.position,
        archived: before.archived === 1,
        teamId: route?.team_id ?? null,
      },
      after: input,
    });
    return { id: input.id };
  });
}
