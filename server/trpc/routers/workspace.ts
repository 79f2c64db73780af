import "server-only";
import { z } from "zod";
import { procedure, router } from "../init";
import { findTeams, saveTeam, ZSaveTeam } from "../../teams/teams";
import { findCategories, saveCategory, ZSaveCategory } from "../../taxonomy/categories";
import { findCuratedTags, setTagCurated, ZTagName } from "../../taxonomy/tags";

/** Teams, categories and curated tags: read by every agent, changed by leads and admins. */
export const workspaceRouter = router({
  teams: procedure("inbox.view").query(({ ctx }) => findTeams(ctx.db, ctx)),
  saveTeam: procedure("team.manage")
    .input(ZSaveTeam)
    .mutation(({ ctx, input }) => saveTeam(ctx.db, ctx, input)),
  /** Categories for the inbox's filter and the admin page (archived ones only there). */
  categories: procedure("inbox.view")
    .input(z.object({ archived: z.boolean().default(false) }).default({ archived: false }))
    .query(({ ctx, input }) => findCategories(ctx.db, input)),
  saveCategory: procedure("taxonomy.manage")
    .input(ZSaveCategory)
    .mutation(({ ctx, input }) => saveCategory(ctx.db, ctx, input)),
  curatedTags: procedure("inbox.view").query(({ ctx }) => findCuratedTags(ctx.db, ctx)),
  curateTag: procedure("taxonomy.manage")
    .input(z.object({ name: ZTagName, curated: z.boolean() }))
    .mutation(({ ctx, input }) => setTagCurated(ctx.db, ctx, input)),
});
