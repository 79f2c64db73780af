import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { SavedViewSharing } from "../db/schema";
import type { Actor, RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { fromJson, toJson } from "../db/json";
import { transact } from "../db/transact";
import { msg } from "@/lib/i18n";
import { ZInboxFilters, type TInboxFilters } from "./filters";
import { teamIdsOf } from "./counts";

const id = z.number().int().positive();

export const ZSaveView = z
  .object({
    name: z.string().trim().min(1, msg("inbox.err.viewName")).max(80, msg("inbox.err.viewNameLong")),
    sharedWith: z.enum(["personal", "everyone", "team"]).default("personal"),
    teamId: id.nullable().default(null),
    filters: ZInboxFilters,
  })
  .refine((v) => (v.sharedWith === "team") === (v.teamId !== null), { message: msg("inbox.err.viewTeam"), path: ["teamId"] });
export type TSaveView = z.input<typeof ZSaveView>;

export const ZUpdateView = z.object({ id }).and(ZSaveView);
export type TUpdateView = z.input<typeof ZUpdateView>;

export interface SavedView {
  id: number;
  name: string;
  sharedWith: SavedViewSharing;
  teamId: number | null;
  ownerId: number;
  filters: TInboxFilters;
  /** The caller may change or delete it: its owner, or anyone who may share views for a shared one. */
  canEdit: boolean;
}

function canEdit(actor: Actor, row: { owner_id: number; shared_with: SavedViewSharing }): boolean {
  return row.owner_id === actor.id || (row.shared_with !== "personal" && can(actor, "view.share"));
}

/** Filters stored by an older version may no longer parse: the view then shows the open tickets rather than failing. */
function parseFilters(text: string): TInboxFilters {
  const parsed = ZInboxFilters.safeParse(fromJson(text));
  return parsed.success ? parsed.data : ZInboxFilters.parse({});
}

/** The views the actor sees: their own, those shared with everyone, and those shared with one of their teams. */
export async function findSavedViews(db: DB, actor: Actor): Promise<SavedView[]> {
  if (!can(actor, "inbox.view")) throw notFound();
  const teams = await teamIdsOf(db, actor.id);
  const rows = await db
    .selectFrom("saved_views")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("owner_id", "=", actor.id),
        eb("shared_with", "=", "everyone"),
        ...(teams.length ? [eb.and([eb("shared_with", "=", "team"), eb("team_id", "in", teams)])] : []),
      ]),
    )
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    sharedWith: r.shared_with,
    teamId: r.team_id,
    ownerId: r.owner_id,
    filters: parseFilters(r.filters_json),
    canEdit: canEdit(actor, r),
  }));
}

/** One view's filters, if the actor sees it; NOT_FOUND otherwise. */
export async function getSavedViewFilters(db: DB, actor: Actor, viewId: number): Promise<TInboxFilters> {
  const view = (await findSavedViews(db, actor)).find((v) => v.id === viewId);
  if (!view) throw notFound(msg("inbox.err.viewNotFound"));
  return view.filters;
}

async function checkSharing(trx: Tx, actor: Actor, input: z.output<typeof ZSaveView>): Promise<void> {
  if (input.sharedWith === "personal") return;
  if (!can(actor, "view.share")) throw new AppError("FORBIDDEN", msg("inbox.err.viewShare"), "sharedWith");
  if (input.teamId !== null) {
    const team = await trx.selectFrom("teams").select("id").where("id", "=", input.teamId).executeTakeFirst();
    if (!team) throw new AppError("INVALID_INPUT", msg("inbox.err.viewTeam"), "teamId");
  }
}

export async function createSavedView(db: DB, ctx: RequestCtx, raw: TSaveView): Promise<{ id: number }> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  const input = ZSaveView.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    await checkSharing(trx, actor, input);
    const res = await trx
      .insertInto("saved_views")
      .values({
        owner_id: actor.id,
        name: input.name,
        shared_with: input.sharedWith,
        team_id: input.teamId,
        filters_json: toJson(input.filters)!,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const viewId = Number(res.insertId);
    await recordAudit(trx, ctx, {
      action: "view.created",
      entityType: "saved_view",
      entityId: viewId,
      after: { name: input.name, sharedWith: input.sharedWith, teamId: input.teamId, filters: input.filters },
    });
    return { id: viewId };
  });
}

async function lockEditable(trx: Tx, actor: Actor, viewId: number) {
  const row = await trx.selectFrom("saved_views").selectAll().where("id", "=", viewId).executeTakeFirst();
  const teams = row?.shared_with === "team" ? await teamIdsOf(trx, actor.id) : [];
  const visible =
    row && (row.owner_id === actor.id || row.shared_with === "everyone" || (row.team_id !== null && teams.includes(row.team_id)));
  if (!row || !visible || !canEdit(actor, row)) throw notFound(msg("inbox.err.viewNotFound"));
  return row;
}

export async function updateSavedView(db: DB, ctx: RequestCtx, raw: TUpdateView): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  const input = ZUpdateView.parse(raw);
  await transact(db, async (trx) => {
    const row = await lockEditable(trx, actor, input.id);
    await checkSharing(trx, actor, input);
    await trx
      .updateTable("saved_views")
      .set({
        name: input.name,
        shared_with: input.sharedWith,
        team_id: input.teamId,
        filters_json: toJson(input.filters)!,
        updated_at: ctx.now(),
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "view.updated",
      entityType: "saved_view",
      entityId: row.id,
      before: { name: row.name, sharedWith: row.shared_with, teamId: row.team_id, filters: fromJson(row.filters_json) },
      after: { name: input.name, sharedWith: input.sharedWith, teamId: input.teamId, filters: input.filters },
    });
  });
}

export async function deleteSavedView(db: DB, ctx: RequestCtx, viewId: number): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  await transact(db, async (trx) => {
    const row = await lockEditable(trx, actor, viewId);
    await trx.deleteFrom("saved_views").where("id", "=", row.id).execute();
    await recordAudit(trx, ctx, {
      action: "view.deleted",
      entityType: "saved_view",
      entityId: row.id,
      before: { name: row.name, sharedWith: row.shared_with, teamId: row.team_id },
    });
  });
}
