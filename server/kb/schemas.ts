import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import { LOCALES, msg } from "@/lib/i18n";
import { CATEGORY_SLUGS } from "@/lib/kb/categories";

export const ARTICLE_STATUSES = ["draft", "published", "archived"] as const;
export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, msg("err.slug.invalid"))
  .max(160, msg("err.slug.invalid"))
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, msg("err.slug.invalid"));
export const ZTags = z.array(zText().trim().toLowerCase().min(1).max(40)).max(12).default([]);

/** What an article is made of, from a file or from the editor. */
export const ZArticleFields = z.object({
  kind: z.enum(["article", "faq"]).default("article"),
  slug: ZSlug,
  locale: z.enum(LOCALES),
  translationKey: ZSlug,
  category: z.enum(CATEGORY_SLUGS, { message: msg("err.category") }),
  title: zText().trim().min(3, msg("err.title.short")).max(150, msg("err.title.long")),
  summary: zText().trim().max(250, msg("err.summary.long")).default(""),
  tags: ZTags,
  body: zText()
    .max(100_000, msg("err.text.long"))
    .refine((v) => v.trim().length > 0, msg("err.body.empty")),
  position: z.number().int().min(0).max(10_000).default(100),
});
export type TArticleFields = z.input<typeof ZArticleFields>;

export const ZSaveArticle = ZArticleFields.extend({
  id: z.number().int().positive().optional(),
  status: z.enum(ARTICLE_STATUSES).default("draft"),
});
export type TSaveArticle = z.input<typeof ZSaveArticle>;

/** Markdown to preview in the editor: rendered, never stored. */
export const ZPreviewArticle = z.object({ body: zText().max(100_000, msg("err.text.long")), locale: z.enum(LOCALES).default("en") });

export const ZFeedback = z.object({
  articleId: z.number().int().positive(),
  helpful: z.boolean(),
  reason: z.enum(["outdated", "unclear", "incomplete", "wrong_topic", "other"]).optional(),
  comment: zText().trim().max(500, msg("err.comment.long")).optional(),
});

export const ZSearchQuery = z.object({
  q: zText().trim().max(200, msg("err.query.long")).default(""),
  locale: z.enum(LOCALES).default("en"),
  category: z.enum(CATEGORY_SLUGS).optional(),
  kind: z.enum(["article", "faq"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  // "1": the first hit carries its answering passage even when the query does not read as a question (a ticket's text).
  answer: z.enum(["0", "1"]).optional(),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;
