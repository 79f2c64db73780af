import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { Locale } from "../db/schema";
import type { RequestCtx } from "../context";
import { transact } from "../db/transact";
import { fromJson, toJson } from "../db/json";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import { SHIPPED_SYNONYMS } from "../search/shipped-synonyms";
import type { SynonymGroup } from "../search/synonyms";
import { LOCALES, msg } from "@/lib/i18n";

/** One synonym group as staff see it: where it comes from, and what the search uses. */
export interface SynonymGroupView {
  /** The row of the team's version or group; null for a shipped group nobody changed. */
  id: number | null;
  /** The shipped group's key; null for a group the team added. */
  key: string | null;
  locale: Locale;
  terms: string[];
  origin: "shipped" | "changed" | "off" | "custom";
}

const MAX_TERMS = 40;

/** "down, outage,  Not working" -> ["down", "outage", "not working"]: at least two different terms, each up to 60 characters. */
export const ZSynonymTerms = z
  .string()
  .max(2000)
  .transform((s) => [...new Set(s.split(/[,\n]/).map((t) => t.trim().replace(/\s+/g, " ").toLowerCase()))].filter(Boolean))
  .refine((terms) => terms.length >= 2 && terms.length <= MAX_TERMS && terms.every((t) => t.length <= 60 && /[\p{L}\p{N}]/u.test(t)), {
    message: msg("err.synonymTerms"),
  });

export const ZSaveSynonymGroup = z.object({
  locale: z.enum(LOCALES),
  /** The team's row to change, or a shipped group's key to change it for the first time; neither: a new group. */
  id: z.number().int().positive().optional(),
  key: z.string().max(64).optional(),
  terms: ZSynonymTerms,
});
export const ZSynonymTarget = z.object({ id: z.number().int().positive().optional(), key: z.string().max(64).optional() });

const shippedByKey = new Map(SHIPPED_SYNONYMS.map((g) => [g.key, g]));

/** Every group of a language (or both), shipped ones first in their order, then the team's own. */
export async function findSynonymGroups(db: DB, locale?: Locale): Promise<SynonymGroupView[]> {
  let q = db.selectFrom("kb_synonyms").selectAll().orderBy("id");
  if (locale) q = q.where("locale", "=", locale);
  const rows = await q.execute();
  const byKey = new Map(rows.filter((r) => r.shipped_key).map((r) => [r.shipped_key!, r]));
  const out: SynonymGroupView[] = [];
  for (const g of SHIPPED_SYNONYMS) {
    if (locale && g.locale !== locale) continue;
    const row = byKey.get(g.key);
    if (!row) out.push({ id: null, key: g.key, locale: g.locale, terms: g.terms, origin: "shipped" });
    else
      out.push({
        id: row.id,
        key: g.key,
        locale: g.locale,
        terms: fromJson<string[]>(row.terms) ?? [],
        origin: row.enabled ? "changed" : "off",
      });
  }
  for (const r of rows) {
    if (!r.shipped_key) out.push({ id: r.id, key: null, locale: r.locale, terms: fromJson<string[]>(r.terms) ?? [], origin: "custom" });
  }
  return out;
}

/** What the search engines use: every group that is on. */
export async function effectiveSynonyms(db: DB): Promise<SynonymGroup[]> {
  return (await findSynonymGroups(db)).filter((g) => g.origin !== "off").map((g) => ({ locale: g.locale, terms: g.terms }));
}

const notFound = () => new AppError("NOT_FOUND", msg("err.synonymNotFound"));

/** Adds a group, changes one of the team's, or keeps the team's version of a shipped group. Audited. */
export async function saveSynonymGroup(db: DB, ctx: RequestCtx, input: z.output<typeof ZSaveSynonymGroup>): Promise<{ id: number }> {
  const now = ctx.now();
  return transact(db, async (trx) => {
    const existing = input.id
      ? await trx.selectFrom("kb_synonyms").selectAll().where("id", "=", input.id).executeTakeFirst()
      : input.key
        ? await trx.selectFrom("kb_synonyms").selectAll().where("shipped_key", "=", input.key).executeTakeFirst()
        : undefined;
    if ((input.id && !existing) || (input.key && !shippedByKey.has(input.key))) throw notFound();
    const locale = existing?.locale ?? (input.key ? shippedByKey.get(input.key)!.locale : input.locale);
    const before = existing ? fromJson<string[]>(existing.terms) : input.key ? shippedByKey.get(input.key)!.terms : undefined;
    let id: number;
    if (existing) {
      await trx
        .updateTable("kb_synonyms")
        .set({ terms: toJson(input.terms)!, enabled: 1, updated_by: ctx.actor?.id ?? null, updated_at: now })
        .where("id", "=", existing.id)
        .execute();
      id = existing.id;
    } else {
      const res = await trx
        .insertInto("kb_synonyms")
        .values({
          locale,
          shipped_key: input.key ?? null,
          terms: toJson(input.terms)!,
          enabled: 1,
          updated_by: ctx.actor?.id ?? null,
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirstOrThrow();
      id = Number(res.insertId);
    }
    await recordAudit(trx, ctx, {
      action: before ? "synonym.updated" : "synonym.created",
      entityType: "synonym_group",
      entityId: id,
      before: before ? { locale, key: input.key ?? existing?.shipped_key ?? null, terms: before } : undefined,
      after: { locale, key: input.key ?? existing?.shipped_key ?? null, terms: input.terms },
    });
    return { id };
  });
}

/** Deletes a group of the team's; a shipped group is turned off instead (and can be turned back on). Audited. */
export async function removeSynonymGroup(db: DB, ctx: RequestCtx, input: z.output<typeof ZSynonymTarget>): Promise<void> {
  const now = ctx.now();
  await transact(db, async (trx) => {
    const row = input.id
      ? await trx.selectFrom("kb_synonyms").selectAll().where("id", "=", input.id).executeTakeFirst()
      : input.key
        ? await trx.selectFrom("kb_synonyms").selectAll().where("shipped_key", "=", input.key).executeTakeFirst()
        : undefined;
    const shipped = input.key ? shippedByKey.get(input.key) : row?.shipped_key ? shippedByKey.get(row.shipped_key) : undefined;
    if (!row && !shipped) throw notFound();
    const terms = row ? fromJson<string[]>(row.terms) : shipped!.terms;
    if (!shipped) {
      await trx.deleteFrom("kb_synonyms").where("id", "=", row!.id).execute();
    } else if (row) {
      await trx
        .updateTable("kb_synonyms")
        .set({ enabled: 0, updated_by: ctx.actor?.id ?? null, updated_at: now })
        .where("id", "=", row.id)
        .execute();
    } else {
      await trx
        .insertInto("kb_synonyms")
        .values({
          locale: shipped.locale,
          shipped_key: shipped.key,
          terms: toJson(shipped.terms)!,
          enabled: 0,
          updated_by: ctx.actor?.id ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await recordAudit(trx, ctx, {
      action: shipped ? "synonym.disabled" : "synonym.deleted",
      entityType: "synonym_group",
      entityId: row?.id ?? shipped!.key,
      before: { locale: row?.locale ?? shipped!.locale, key: shipped?.key ?? null, terms },
    });
  });
}

/** A shipped group as Mayak ships it again: the team's version (or turning it off) is forgotten. Audited. */
export async function resetShippedSynonyms(db: DB, ctx: RequestCtx, key: string): Promise<void> {
  const shipped = shippedByKey.get(key);
  if (!shipped) throw notFound();
  await transact(db, async (trx) => {
    const row = await trx.selectFrom("kb_synonyms").selectAll().where("shipped_key", "=", key).executeTakeFirst();
    if (!row) return;
    await trx.deleteFrom("kb_synonyms").where("id", "=", row.id).execute();
    await recordAudit(trx, ctx, {
      action: "synonym.reset",
      entityType: "synonym_group",
      entityId: row.id,
      before: { locale: row.locale, key, terms: fromJson<string[]>(row.terms), enabled: row.enabled === 1 },
      after: { locale: shipped.locale, key, terms: shipped.terms },
    });
  });
}
