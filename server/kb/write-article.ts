import "server-only";
import type { Tx } from "../db/dialect";
import type { ArticleStatus, KbArticle } from "../db/schema";
import { fromJson, toJson } from "../db/json";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { enqueueJob } from "../jobs/queue";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";
import type { z } from "zod";
import type { ZArticleFields } from "./schemas";
import { markdownToText } from "./markdown";

export type ArticleFields = z.output<typeof ZArticleFields>;
export const SEARCH_INDEX_JOB = "search.index";

/** An article row as the fields `writeArticle` takes, to write it again with a change (status, restore). */
export function fieldsOf(a: KbArticle): ArticleFields {
  return {
    kind: a.kind,
    slug: a.slug,
    locale: a.locale,
    translationKey: a.translation_key,
    category: a.category as ArticleFields["category"],
    title: a.title,
    summary: a.summary,
    tags: fromJson<string[]>(a.tags) ?? [],
    body: a.body,
    position: a.position,
  };
}

/**
 * The one place an article is written: insert or update, a new revision, a search-index job and an audit
 * event, all in the caller's transaction. The editor, the content sync and restore all come through here,
 * so the plain text of the body (`body_text`, what search indexes) always follows the body.
 */
export async function writeArticle(
  trx: Tx,
  ctx: RequestCtx,
  input: {
    existing: KbArticle | null;
    fields: ArticleFields;
    status: ArticleStatus;
    note: string;
    action: string;
    source?: { path: string; hash: string } | null;
  },
): Promise<KbArticle> {
  const now = ctx.now();
  const { existing, fields, status } = input;
  const clash = await trx.selectFrom("kb_articles").select("id").where("slug", "=", fields.slug).executeTakeFirst();
  if (clash && clash.id !== existing?.id) throw new AppError("CONFLICT", msg("err.slugTaken"), "slug");

  const row = {
    kind: fields.kind,
    slug: fields.slug,
    locale: fields.locale,
    translation_key: fields.translationKey,
    category: fields.category,
    title: fields.title,
    summary: fields.summary,
    tags: toJson(fields.tags) ?? "[]",
    body: fields.body,
    // Kept with the body so that building the search index at start converts no Markdown.
    body_text: existing?.body === fields.body && existing.body_text !== null ? existing.body_text : markdownToText(fields.body),
    status,
    position: fields.position,
    updated_at: now,
    published_at:
      status === "published" ? (existing?.status === "published" ? existing.published_at : now) : (existing?.published_at ?? null),
    ...(input.source !== undefined ? { source_path: input.source?.path ?? null, source_hash: input.source?.hash ?? null } : {}),
  };

  let id: number;
  let revision: number;
  if (existing) {
    revision = existing.revision + 1;
    await trx
      .updateTable("kb_articles")
      .set({ ...row, revision })
      .where("id", "=", existing.id)
      .execute();
    id = existing.id;
  } else {
    revision = 1;
    const res = await trx
      .insertInto("kb_articles")
      .values({ ...row, revision, created_at: now, source_path: input.source?.path ?? null, source_hash: input.source?.hash ?? null })
      .executeTakeFirstOrThrow();
    id = Number(res.insertId);
  }
  await trx
    .insertInto("kb_revisions")
    .values({
      article_id: id,
      number: revision,
      title: row.title,
      summary: row.summary,
      category: row.category,
      tags: row.tags,
      body: row.body,
      status,
      author_id: ctx.actor?.id ?? null,
      note: input.note.slice(0, 200),
      created_at: now,
    })
    .execute();
  await enqueueJob(trx, now, { type: SEARCH_INDEX_JOB, payload: { articleId: id } });
  await recordAudit(trx, ctx, {
    action: input.action,
    entityType: "article",
    entityId: id,
    before: existing ? { revision: existing.revision, status: existing.status, title: existing.title } : undefined,
    after: { revision, status, title: row.title, slug: row.slug },
  });
  return trx.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
