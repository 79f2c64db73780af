import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import {
  findSynonymGroups,
  removeSynonymGroup,
  resetShippedSynonyms,
  saveSynonymGroup,
  ZSaveSynonymGroup,
  ZSynonymTarget,
} from "../../kb/synonyms";
import { applySynonyms } from "../../search";
import type { DB } from "../../db";
import { LOCALES } from "@/lib/i18n";

/** The engine follows each change at once; a failure there (Meilisearch away) does not undo the saved change. */
async function follow(db: DB): Promise<void> {
  await applySynonyms(db).catch((err: unknown) =>
    console.error(`[mayak] search synonyms not applied: ${err instanceof Error ? err.message : String(err)}`),
  );
}

/** Search synonyms in the KB admin: the people who publish articles keep them. */
export const kbSynonymsRouter = router({
  list: procedure("article.publish")
    .input(z.object({ locale: z.enum(LOCALES).optional() }))
    .query(({ ctx, input }) => findSynonymGroups(ctx.db, input.locale)),
  save: procedure("article.publish")
    .input(ZSaveSynonymGroup)
    .mutation(async ({ ctx, input }) => {
      const saved = await saveSynonymGroup(ctx.db, ctx, input);
      await follow(ctx.db);
      return saved;
    }),
  remove: procedure("article.publish")
    .input(ZSynonymTarget)
    .mutation(async ({ ctx, input }) => {
      await removeSynonymGroup(ctx.db, ctx, input);
      await follow(ctx.db);
    }),
  reset: procedure("article.publish")
    .input(z.object({ key: z.string().max(64) }))
    .mutation(async ({ ctx, input }) => {
      await resetShippedSynonyms(ctx.db, ctx, input.key);
      await follow(ctx.db);
    }),
});
