import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { ZFeedback } from "./schemas";
import { transact } from "../db/transact";

/** "Was this helpful?" — anyone may answer; a "no" may carry a reason and a comment. */
export async function recordFeedback(db: DB, ctx: RequestCtx, raw: z.input<typeof ZFeedback>): Promise<void> {
  const input = ZFeedback.parse(raw);
  await transact(db, async (trx) => {
    const article = await trx
      .selectFrom("kb_articles")
      .select("id")
      .where("id", "=", input.articleId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (!article) throw notFound(msg("err.articleNotFound"));
    const res = await trx
      .insertInto("kb_feedback")
      .values({
        article_id: article.id,
        helpful: input.helpful ? 1 : 0,
        reason: input.helpful ? null : (input.reason ?? null),
        comment: input.helpful ? null : input.comment || null,
        created_at: ctx.now(),
      })
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: "article.feedback",
      entityType: "article",
      entityId: article.id,
      after: { feedbackId: Number(res.insertId), helpful: input.helpful, reason: input.helpful ? null : (input.reason ?? null) },
    });
  });
}
