import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { fromJson, toJson } from "../db/json";
import { forUpdate } from "../db/dialect";
import { getVisibleTicketOrThrow } from "../tickets/load-ticket";
import { ZPriority, ZStatus } from "../tickets/schemas";
import { zText } from "@/lib/text-field";
import { msg } from "@/lib/i18n";
import { renderMacro, unknownPlaceholders } from "./placeholders";

/** Saved replies: personal (owner_id = the agent) or shared with all staff (owner_id NULL, macro.share). */

const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u);

export const ZMacroActions = z.object({
  status: ZStatus.optional(),
  priority: ZPriority.optional(),
  /** "me": whoever applies the macro; "none": unassign; a number: that person. */
  assignee: z.union([z.literal("me"), z.literal("none"), z.number().int().positive()]).optional(),
  tags: z.array(ZTag).max(20).optional(),
});
export type MacroActions = z.infer<typeof ZMacroActions>;

export const ZSaveMacro = z.object({
  id: z.number().int().positive().optional(),
  name: zText().trim().min(1, msg("macros.err.name")).max(120, msg("macros.err.name")),
  body: zText()
    .trim()
    .min(1, msg("err.message.empty"))
    .max(50_000, msg("err.text.long"))
    .refine((b) => unknownPlaceholders(b).length === 0, msg("macros.err.unknownPlaceholder")),
  actions: ZMacroActions.default({}),
  shared: z.boolean().default(false),
});
export type TSaveMacro = z.input<typeof ZSaveMacro>;

export interface MacroView {
  id: number;
  name: string;
  body: string;
  actions: MacroActions;
  shared: boolean;
  /** Whether the reader may change or delete it. */
  editable: boolean;
  updatedAt: number;
}

function staffOrThrow(ctx: RequestCtx) {
  if (!ctx.actor || !can(ctx.actor, "ticket.reply")) throw notFound();
  return ctx.actor;
}

function toView(
  row: { id: number; owner_id: number | null; name: string; body: string; actions_json: string | null; updated_at: number },
  ctx: RequestCtx,
): MacroView {
  const shared = row.owner_id === null;
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    actions: ZMacroActions.catch({}).parse(fromJson(row.actions_json) ?? {}),
    shared,
    editable: shared ? can(ctx.actor, "macro.share") : row.owner_id === ctx.actor?.id,
    updatedAt: Number(row.updated_at),
  };
}

/** The macros the agent may use: their own, then the shared ones, each by name. */
export async function findMacros(db: DB, ctx: RequestCtx): Promise<MacroView[]> {
  const actor = staffOrThrow(ctx);
  const rows = await db
    .selectFrom("macros")
    .select(["id", "owner_id", "name", "body", "actions_json", "updated_at"])
    .where((eb) => eb.or([eb("owner_id", "=", actor.id), eb("owner_id", "is", null)]))
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((r) => toView(r, ctx)).sort((a, b) => Number(a.shared) - Number(b.shared));
}

/** A macro the actor may change: their own, or a shared one with macro.share. Anything else is not found. */
async function lockEditable(trx: Parameters<Parameters<typeof transact>[1]>[0], ctx: RequestCtx, id: number) {
  const row = await forUpdate(trx, trx.selectFrom("macros").selectAll().where("id", "=", id)).executeTakeFirst();
  if (!row) throw notFound();
  const mayEdit = row.owner_id === null ? can(ctx.actor, "macro.share") : row.owner_id === ctx.actor?.id;
  if (!mayEdit) throw notFound();
  return row;
}

export async function saveMacro(db: DB, ctx: RequestCtx, raw: TSaveMacro): Promise<{ id: number }> {
  const actor = staffOrThrow(ctx);
  const input = ZSaveMacro.parse(raw);
  if (input.shared && !can(actor, "macro.share")) throw new AppError("NOT_FOUND", msg("err.notFound"));
  const now = ctx.now();
  const values = {
    owner_id: input.shared ? null : actor.id,
    name: input.name,
    body: input.body,
    actions_json: toJson(input.actions),
    updated_at: now,
  };
  return transact(db, async (trx) => {
    if (input.id) {
      const before = await lockEditable(trx, ctx, input.id);
      await trx.updateTable("macros").set(values).where("id", "=", input.id).execute();
      await recordAudit(trx, ctx, {
        action: "macro.updated",
        entityType: "macro",
        entityId: input.id,
        before: { name: before.name, shared: before.owner_id === null },
        after: { name: input.name, shared: input.shared },
      });
      return { id: input.id };
    }
    const res = await trx
      .insertInto("macros")
      .values({ ...values, created_by: actor.id, created_at: now })
      .executeTakeFirstOrThrow();
    const id = Number(res.insertId);
    await recordAudit(trx, ctx, {
      action: "macro.created",
      entityType: "macro",
      entityId: id,
      after: { name: input.name, shared: input.shared },
    });
    return { id };
  });
}

export async function deleteMacro(db: DB, ctx: RequestCtx, id: number): Promise<void> {
  staffOrThrow(ctx);
  await transact(db, async (trx) => {
    const row = await lockEditable(trx, ctx, id);
    await trx.deleteFrom("macros").where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "macro.deleted",
      entityType: "macro",
      entityId: id,
      before: { name: row.name, shared: row.owner_id === null },
    });
  });
}

/** A macro filled in for one ticket: the text for the reply box and the changes it brings. Reads only. */
export async function renderMacroForTicket(db: DB, ctx: RequestCtx, input: { macroId: number; ticketId: number }) {
  const actor = staffOrThrow(ctx);
  const ticket = await getVisibleTicketOrThrow(db, actor, input.ticketId);
  const row = await db
    .selectFrom("macros")
    .select(["id", "owner_id", "name", "body", "actions_json", "updated_at"])
    .where("id", "=", input.macroId)
    .where((eb) => eb.or([eb("owner_id", "=", actor.id), eb("owner_id", "is", null)]))
    .executeTakeFirst();
  if (!row) throw notFound();
  const requester = await db.selectFrom("users").select(["name", "email"]).where("id", "=", ticket.requester_id).executeTakeFirstOrThrow();
  const view = toView(row, ctx);
  return {
    macroId: view.id,
    body: renderMacro(view.body, { requester, ticket: { id: ticket.id, subject: ticket.subject }, agent: { name: actor.name } }),
    actions: view.actions,
  };
}
