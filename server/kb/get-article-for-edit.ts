import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { fromJson } from "../db/json";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { mayWrite } from "./save-article";

/** An article as the editor needs it, with what the caller may do to it. */
export async function getArticleForEdit(db: DB, ctx: RequestCtx, id: number) {
  if (!can(ctx.actor, "article.edit")) throw notFound(msg("err.articleNotFound"));
  const a = await db.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a) throw notFound(msg("err.articleNotFound"));
  return {
    id: a.id,
    kind: a.kind,
    slug: a.slug,
    locale: a.locale,
    translationKey: a.translation_key,
    category: a.category,
    title: a.title,
    summary: a.summary,
    tags: fromJson<string[]>(a.tags) ?? [],
    body: a.body,
    status: a.status,
    position: a.position,
    revision: a.revision,
    sourcePath: a.source_path,
    updatedAt: a.updated_at,
    can: { saveDraft: mayWrite(ctx, a.status, "draft"), publish: mayWrite(ctx, a.status, "published") },
  };
}
