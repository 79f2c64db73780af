import "server-only";
import { z } from "zod";
import { procedure, publicProcedure, rateLimited, router } from "../init";
import { ZFeedback, ZPreviewArticle, ZSaveArticle, ZSearchQuery, ARTICLE_STATUSES } from "../../kb/schemas";
import { recordFeedback } from "../../kb/feedback";
import { recordDeflectionOpen } from "../../kb/analytics";
import { saveArticle, restoreRevision } from "../../kb/save-article";
import { getArticleForEdit } from "../../kb/get-article-for-edit";
import { findArticlesForStaff, findPublished, findPublishedFaq, findSitemapEntries, getPublishedArticle } from "../../kb/find-articles";
import { searchArticles } from "../../kb/search-articles";
import { getSearchEngine } from "../../search";
import { diffRevisions, findRevisions } from "../../kb/revisions";
import { findKbAnalytics } from "../../kb/find-analytics";
import { renderMarkdown } from "../../kb/markdown";
import { revalidateHelpCenter } from "../../kb/revalidate";
import { LOCALES } from "@/lib/i18n";
import { CATEGORY_SLUGS } from "@/lib/kb/categories";
import { kbSynonymsRouter } from "./kb-synonyms";
import { findContentGaps } from "../../kb/content-gaps";

const ZId = z.number().int().positive();
const ZKind = z.enum(["article", "faq"]);

export const kbRouter = router({
  // The help center, for everyone: published entries only.
  published: publicProcedure
    .input(z.object({ locale: z.enum(LOCALES), category: z.enum(CATEGORY_SLUGS).optional(), kind: ZKind.optional() }))
    .query(({ ctx, input }) => findPublished(ctx.db, input)),
  article: publicProcedure
    .input(z.object({ slug: z.string().max(160) }))
    .query(({ ctx, input }) => getPublishedArticle(ctx.db, input.slug)),
  faq: publicProcedure.input(z.object({ locale: z.enum(LOCALES) })).query(({ ctx, input }) => findPublishedFaq(ctx.db, input.locale)),
  sitemap: publicProcedure.query(({ ctx }) => findSitemapEntries(ctx.db)),
  // The results page; logged for the analytics like the search endpoint, and limited the same way.
  search: publicProcedure
    .use(rateLimited("search", 600, 60_000))
    .input(ZSearchQuery)
    .query(({ ctx, input }) => searchArticles(ctx.db, getSearchEngine(), ctx, input, { log: true })),
  feedback: publicProcedure
    .use(rateLimited("kb-feedback", 30, 3_600_000))
    .input(ZFeedback)
    .mutation(({ ctx, input }) => recordFeedback(ctx.db, ctx, input)),
  suggestionOpened: publicProcedure
    .use(rateLimited("kb-deflection", 120, 3_600_000))
    .input(z.object({ articleId: ZId }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.visitor) await recordDeflectionOpen(ctx.db, ctx.now(), { visitor: ctx.visitor, articleId: input.articleId });
    }),

  list: procedure("article.edit")
    .input(
      z.object({
        status: z.enum(ARTICLE_STATUSES).optional(),
        locale: z.enum(LOCALES).optional(),
        kind: ZKind.optional(),
        cursor: ZId.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => findArticlesForStaff(ctx.db, input)),
  get: procedure("article.edit")
    .input(z.object({ id: ZId }))
    .query(({ ctx, input }) => getArticleForEdit(ctx.db, ctx, input.id)),
  // A mutation so that a long draft travels in the request body (a query would put it in the URL). Changes nothing.
  preview: procedure("article.edit")
    .input(ZPreviewArticle)
    .mutation(({ input }) => renderMarkdown(input.body, { linkPrefix: input.locale === "ru" ? "/ru" : undefined })),
  save: procedure("article.edit")
    .input(ZSaveArticle)
    .mutation(async ({ ctx, input }) => {
      const a = await saveArticle(ctx.db, ctx, input);
      revalidateHelpCenter();
      return { id: a.id, revision: a.revision, status: a.status };
    }),
  revisions: procedure("article.edit")
    .input(z.object({ articleId: ZId }))
    .query(({ ctx, input }) => findRevisions(ctx.db, ctx, input.articleId)),
  diff: procedure("article.edit")
    .input(z.object({ articleId: ZId, from: z.number().int().positive(), to: z.number().int().positive() }))
    .query(({ ctx, input }) => diffRevisions(ctx.db, ctx, input)),
  restore: procedure("article.edit")
    .input(z.object({ articleId: ZId, number: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const a = await restoreRevision(ctx.db, ctx, input);
      revalidateHelpCenter();
      return { id: a.id, revision: a.revision };
    }),
  synonyms: kbSynonymsRouter,
  analytics: procedure("kb.analytics")
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }))
    .query(({ ctx, input }) => findKbAnalytics(ctx.db, ctx.now(), input.days)),
  contentGaps: procedure("kb.analytics")
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }))
    .query(({ ctx, input }) => findContentGaps(ctx.db, getSearchEngine(), ctx.now(), input.days)),
});
