import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { lockVisibleTicketOrThrow } from "../tickets/load-ticket";
import { msg } from "@/lib/i18n";

/** A tag: lower-case letters, digits and dashes, as support teams write them ("billing", "2fa", "возврат"). */
export const ZTagName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, msg("inbox.err.tagEmpty"))
  .max(40, msg("inbox.err.tagLong"))
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u, msg("inbox.err.tagChars"));

export const ZSetTicketTags = z.object({
  ticketId: z.number().int().positive(),
  tags: z.array(ZTagName).max(20, msg("inbox.err.tooManyTags")),
});
export const ZChangeTicketTags = z.object({
  ticketId: z.number().int().positive(),
  add: z.array(ZTagName).max(20, msg("inbox.err.tooManyTags")).default([]),
  remove: z.array(ZTagName).max(20, msg("inbox.err.tooManyTags")).default([]),
});

export interface TagSuggestion {
  name: string;
  curated: boolean;
}

/** Autocomplete: tags starting with `prefix`, curated ones first; reads a range of the unique index on name. */
export async function suggestTags(db: DB, ctx: RequestCtx, raw: { prefix: string; limit?: number }): Promise<TagSuggestion[]> {
  if (!can(ctx.actor, "inbox.view")) throw notFound();
  const prefix = raw.prefix.trim().toLowerCase();
  const limit = Math.min(Math.max(raw.limit ?? 10, 1), 25);
  let q = db.selectFrom("tags").select(["name", "curated"]).orderBy("curated", "desc").orderBy("name").limit(limit);
  if (prefix) q = q.where(sql<boolean>`name like ${prefix.replace(/[!%_]/g, (c) => `!${c}`) + "%"} escape '!'`);
  return (await q.execute()).map((t) => ({ name: t.name, curated: t.curated === 1 }));
}

/** The ids of `names`, creating the free tags that do not exist yet. */
async function tagIds(trx: Tx, names: string[], now: number): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const existing = await trx.selectFrom("tags").select(["id", "name"]).where("name", "in", names).execute();
  const ids = new Map(existing.map((t) => [t.name, t.id]));
  for (const name of names) {
    if (ids.has(name)) continue;
    const res = await trx.insertInto("tags").values({ name, curated: 0, created_at: now }).executeTakeFirstOrThrow();
    ids.set(name, Number(res.insertId));
  }
  return ids;
}

/** A ticket's tags, by name. */
export async function ticketTagNames(executor: DB | Tx, ticketId: number): Promise<string[]> {
  const rows = await executor
    .selectFrom("ticket_tags as tt")
    .innerJoin("tags as g", "g.id", "tt.tag_id")
    .select("g.name")
    .where("tt.ticket_id", "=", ticketId)
    .orderBy("g.name")
    .execute();
  return rows.map((r) => r.name);
}

/** Adds and removes tags on a ticket in one transaction, audited as ticket.tags_changed (nothing when nothing changes). */
export async function changeTicketTags(db: DB, ctx: RequestCtx, raw: z.input<typeof ZChangeTicketTags>): Promise<{ tags: string[] }> {
  const actor = ctx.actor;
  if (!can(actor, "ticket.update")) throw notFound(msg("err.ticketNotFound"));
  const input = ZChangeTicketTags.parse(raw);
  const now = ctx.now();
  return transact(db, async (trx) => {
    const ticket = await lockVisibleTicketOrThrow(trx, actor, input.ticketId);
    if (ticket.status === "closed") throw new AppError("TICKET_CLOSED", msg("err.ticketClosed"));
    const before = await ticketTagNames(trx, ticket.id);
    const remove = new Set(input.remove);
    const after = [...new Set([...before.filter((t) => !remove.has(t)), ...input.add.filter((t) => !remove.has(t))])].sort();
    if (after.length > 20) throw new AppError("INVALID_INPUT", msg("inbox.err.tooManyTags"), "tags");
    if (after.join("\n") === before.join("\n")) return { tags: before };
    const added = after.filter((t) => !before.includes(t));
    const removed = before.filter((t) => !after.includes(t));
    const ids = await tagIds(trx, [...added, ...removed], now);
    if (removed.length)
      await trx
        .deleteFrom("ticket_tags")
        .where("ticket_id", "=", ticket.id)
        .where(
          "tag_id",
          "in",
          removed.map((n) => ids.get(n)!),
        )
        .execute();
    if (added.length)
      await trx
        .insertInto("ticket_tags")
        .values(added.map((n) => ({ ticket_id: ticket.id, tag_id: ids.get(n)! })))
        .execute();
    await recordAudit(trx, ctx, {
      action: "ticket.tags_changed",
      entityType: "ticket",
      entityId: ticket.id,
      before: { tags: before },
      after: { tags: after },
    });
    return { tags: after };
  });
}

/** Replaces a ticket's tags with `tags`. */
export async function setTicketTags(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetTicketTags>): Promise<{ tags: string[] }> {
  if (!can(ctx.actor, "ticket.update")) throw notFound(msg("err.ticketNotFound"));
  const input = ZSetTicketTags.parse(raw);
  const current = await ticketTagNames(db, input.ticketId);
  return changeTicketTags(db, ctx, { ticketId: input.ticketId, add: input.tags, remove: current.filter((t) => !input.tags.includes(t)) });
}

/** Curates a tag (creating it) or returns it to the free ones: the autocomplete offers curated tags first. */
export async function setTagCurated(db: DB, ctx: RequestCtx, raw: { name: string; curated: boolean }): Promise<void> {
  if (!can(ctx.actor, "taxonomy.manage")) throw notFound();
  const name = ZTagName.parse(raw.name);
  const now = ctx.now();
  await transact(db, async (trx) => {
    const ids = await tagIds(trx, [name], now);
    const id = ids.get(name)!;
    const row = await trx.selectFrom("tags").select("curated").where("id", "=", id).executeTakeFirstOrThrow();
    const curated = raw.curated ? 1 : 0;
    if (row.curated === curated) return;
    await trx.updateTable("tags").set({ curated }).where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "tag.curated",
      entityType: "tag",
      entityId: id,
      before: { name, curated: row.curated === 1 },
      after: { name, curated: raw.curated },
    });
  });
}

/** The curated tags, for the admin page. */
export async function findCuratedTags(db: DB, ctx: RequestCtx): Promise<string[]> {
  if (!can(ctx.actor, "inbox.view")) throw notFound();
  return (await db.selectFrom("tags").select("name").where("curated", "=", 1).orderBy("name").execute()).map((t) => t.name);
}
