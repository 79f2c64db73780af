import "server-only";
import type { DB } from "../db";
import type { ArticleStatus, KbArticle } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { forUpdate } from "../db/dialect";
import { AppError, notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { ZSaveArticle, type TSaveArticle } from "./schemas";
import { fieldsOf, writeArticle } from "./write-article";
import { transact } from "../db/transact";

/**
 * Agents write and edit drafts; what the public sees (publishing, archiving, editing a published
 * article) needs `article.publish`. Every save is a revision.
 */
export function mayWrite(ctx: RequestCtx, from: ArticleStatus | null, to: ArticleStatus): boolean {
  if (!can(ctx.actor, "article.edit")) return false;
  const public_ = from === "published" || to !== "draft";
  return !public_ || can(ctx.actor, "article.publish");
}

function actionFor(existing: KbArticle | null, to: ArticleStatus): string {
  if (!existing) return to === "published" ? "article.published" : "article.created";
  if (existing.status !== to)
    return to === "published" ? "article.published" : to === "archived" ? "article.archived" : "article.unpublished";
  return "article.updated";
}

export async function saveArticle(db: DB, ctx: RequestCtx, raw: TSaveArticle): Promise<KbArticle> {
  const input = ZSaveArticle.parse(raw);
  return transact(db, async (trx) => {
    const existing = input.id
      ? ((await forUpdate(trx, trx.selectFrom("kb_articles").selectAll().where("id", "=", input.id)).executeTakeFirst()) ?? null)
      : null;
    if (input.id && !existing) throw notFound(msg("err.articleNotFound"));
    if (!mayWrite(ctx, existing?.status ?? null, input.status)) {
      if (!can(ctx.actor, "article.edit")) throw notFound(msg("err.articleNotFound"));
      throw new AppError("FORBIDDEN", msg("err.publishPermission"), "status");
    }
    const { id: _id, status, ...fields } = input;
    return writeArticle(trx, ctx, {
      existing,
      fields,
      status,
      note: existing ? "Edited in the app" : "Written in the app",
      action: actionFor(existing, status),
    });
  });
}

/** Restores an earlier revision as a new one: history only ever grows. */
export async function restoreRevision(db: DB, ctx: RequestCtx, input: { articleId: number; number: number }): Promise<KbArticle> {
  return transact(db, async (trx) => {
    const existing = await forUpdate(trx, trx.selectFrom("kb_articles").selectAll().where("id", "=", input.articleId)).executeTakeFirst();
    if (!existing || !can(ctx.actor, "article.edit")) throw notFound(msg("err.articleNotFound"));
    const rev = await trx
      .selectFrom("kb_revisions")
      .selectAll()
      .where("article_id", "=", existing.id)
      .where("number", "=", input.number)
      .executeTakeFirst();
    if (!rev) throw notFound(msg("err.revisionNotFound"));
    if (!mayWrite(ctx, existing.status, existing.status)) throw new AppError("FORBIDDEN", msg("err.publishPermission"));
    const base = fieldsOf(existing);
    return writeArticle(trx, ctx, {
      existing,
      fields: {
        ...base,
        title: rev.title,
        summary: rev.summary,
        category: rev.category as typeof base.category,
        tags: JSON.parse(rev.tags) as string[],
        body: rev.body,
      },
      status: existing.status,
      note: `Restored revision ${rev.number}`,
      action: "article.restored",
    });
  });
}
