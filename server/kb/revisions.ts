import "server-only";
import { diffLines, diffWordsWithSpace } from "diff";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { fromJson } from "../db/json";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";

export interface RevisionListItem {
  number: number;
  note: string;
  status: string;
  title: string;
  authorName: string | null;
  createdAt: number;
}

export async function findRevisions(db: DB, ctx: RequestCtx, articleId: number): Promise<RevisionListItem[]> {
  if (!can(ctx.actor, "article.edit")) throw notFound(msg("err.articleNotFound"));
  const rows = await db
    .selectFrom("kb_revisions as r")
    .leftJoin("users as u", "u.id", "r.author_id")
    .select(["r.number", "r.note", "r.status", "r.title", "r.created_at", "u.name as author_name"])
    .where("r.article_id", "=", articleId)
    .orderBy("r.number", "desc")
    .execute();
  if (rows.length === 0) throw notFound(msg("err.articleNotFound"));
  return rows.map((r) => ({
    number: r.number,
    note: r.note,
    status: r.status,
    title: r.title,
    authorName: r.author_name,
    createdAt: r.created_at,
  }));
}

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface RevisionDiff {
  from: number;
  to: number;
  fields: { field: string; parts: DiffPart[] }[];
}

const part = (p: { added?: boolean; removed?: boolean; value: string }): DiffPart => ({
  kind: p.added ? "added" : p.removed ? "removed" : "same",
  text: p.value,
});

/** A readable diff between any two revisions: words for short fields, lines for the body. */
export async function diffRevisions(
  db: DB,
  ctx: RequestCtx,
  input: { articleId: number; from: number; to: number },
): Promise<RevisionDiff> {
  if (!can(ctx.actor, "article.edit")) throw notFound(msg("err.articleNotFound"));
  const revs = await db
    .selectFrom("kb_revisions")
    .selectAll()
    .where("article_id", "=", input.articleId)
    .where("number", "in", [input.from, input.to])
    .execute();
  const a = revs.find((r) => r.number === input.from);
  const b = revs.find((r) => r.number === input.to);
  if (!a || !b) throw notFound(msg("err.revisionNotFound"));
  const tags = (t: string) => (fromJson<string[]>(t) ?? []).join(", ");
  const fields = [
    { field: "title", parts: diffWordsWithSpace(a.title, b.title).map(part) },
    { field: "summary", parts: diffWordsWithSpace(a.summary, b.summary).map(part) },
    { field: "category", parts: diffWordsWithSpace(a.category, b.category).map(part) },
    { field: "tags", parts: diffWordsWithSpace(tags(a.tags), tags(b.tags)).map(part) },
    { field: "status", parts: diffWordsWithSpace(a.status, b.status).map(part) },
    { field: "body", parts: diffLines(a.body, b.body).map(part) },
  ].filter((f) => f.parts.some((p) => p.kind !== "same"));
  return { from: input.from, to: input.to, fields };
}
