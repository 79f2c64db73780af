import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { fieldsOf, writeArticle } from "./write-article";
import type { ContentFile } from "./content-files";
import { transact } from "../db/transact";

export interface SyncReport {
  added: string[];
  updated: string[];
  archived: string[];
  unchanged: number;
  /** Files refused because another file already claims their slug. */
  conflicts: string[];
}

/**
 * Brings the database in line with the content files, idempotently: a new file adds an article, a
 * changed file updates it (the file wins over edits made in the app since), a removed file archives it.
 * A file whose hash has not changed is left alone, so edits made in the app survive restarts.
 */
export async function syncContent(db: DB, ctx: RequestCtx, files: ContentFile[], unreadable: string[] = []): Promise<SyncReport> {
  const report: SyncReport = { added: [], updated: [], archived: [], unchanged: 0, conflicts: [] };
  // A file that exists but could not be read is not "removed": its article stays as it is.
  const seen = new Set([...files.map((f) => f.path), ...unreadable]);
  // Two files claiming one slug would overwrite each other on every sync: the later one is refused.
  const owners = new Map<string, string>();
  const accepted = files.filter((f) => {
    const first = owners.get(f.fields.slug);
    if (!first) owners.set(f.fields.slug, f.path);
    else report.conflicts.push(`${f.path}: slug "${f.fields.slug}" is already used by ${first}`);
    return !first;
  });
  for (const file of accepted) {
    // The outcome is counted after the commit: a retried transaction must not count twice.
    const outcome = await transact(db, async (trx) => {
      const existing =
        (await trx.selectFrom("kb_articles").selectAll().where("source_path", "=", file.path).executeTakeFirst()) ??
        (await trx.selectFrom("kb_articles").selectAll().where("slug", "=", file.fields.slug).executeTakeFirst()) ??
        null;
      if (existing && existing.source_hash === file.hash && existing.source_path === file.path) {
        return "unchanged" as const;
      }
      await writeArticle(trx, ctx, {
        existing,
        fields: file.fields,
        status: "published",
        note: existing ? `Updated from ${file.path}` : `Added from ${file.path}`,
        action: existing ? "article.synced" : "article.created",
        source: { path: file.path, hash: file.hash },
      });
      return existing ? ("updated" as const) : ("added" as const);
    });
    if (outcome === "unchanged") report.unchanged++;
    else report[outcome].push(file.fields.slug);
  }
  const fromFiles = await db
    .selectFrom("kb_articles")
    .selectAll()
    .where("source_path", "is not", null)
    .where("status", "!=", "archived")
    .execute();
  for (const gone of fromFiles.filter((a) => !seen.has(a.source_path!))) {
    await transact(db, async (trx) => {
      await writeArticle(trx, ctx, {
        existing: gone,
        fields: fieldsOf(gone),
        status: "archived",
        note: `Archived: ${gone.source_path} was removed`,
        action: "article.archived",
        // Detached from its file: if a lead republishes it in the app, it is the app's from then on.
        source: null,
      });
    });
    report.archived.push(gone.slug);
  }
  return report;
}
