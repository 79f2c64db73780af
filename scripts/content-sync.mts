import { getDb } from "../server/db";
import { getEnv } from "../server/env";
import { migrateToLatest } from "../server/db/migrate";
import { systemCtx } from "../server/context";
import { readContentDir } from "../server/kb/content-files";
import { syncContent } from "../server/kb/sync-content";
import { checkContentLinks } from "../server/kb/content-links";

// Syncs content/ into the database. The running app picks the changes up through its search-index jobs.
const db = getDb();
await migrateToLatest(db);
try {
  const content = await readContentDir(getEnv().CONTENT_DIR);
  for (const e of content.errors) console.error(`Skipped ${e.message}`);
  if (content.errors.length) process.exitCode = 1;
  // Links: a bare path is a warning, a link to an article that exists neither in the files nor among the
  // articles written in the app fails the sync before anything is written.
  const appArticles = await db
    .selectFrom("kb_articles")
    .select("slug")
    .where("source_path", "is", null)
    .where("status", "=", "published")
    .execute();
  const links = checkContentLinks(
    content.files.map((f) => ({ path: f.path, body: f.fields.body })),
    [...content.files.map((f) => f.fields.slug), ...appArticles.map((a) => a.slug)],
  );
  for (const w of links.warnings) console.warn(`Warning: ${w}`);
  if (links.errors.length) {
    for (const e of links.errors) console.error(`Broken link: ${e}`);
    throw new Error(`Nothing was synced: fix the ${links.errors.length} broken link(s) above.`);
  }
  const report = await syncContent(
    db,
    { ...systemCtx(), userAgent: "content:sync" },
    content.files,
    content.errors.map((e) => e.path),
  );
  for (const c of report.conflicts) console.error(`Skipped ${c}`);
  if (report.conflicts.length) process.exitCode = 1;
  console.log(
    `Added ${report.added.length}, updated ${report.updated.length}, archived ${report.archived.length}, unchanged ${report.unchanged}.`,
  );
  for (const [label, list] of [
    ["added", report.added],
    ["updated", report.updated],
    ["archived", report.archived],
  ] as const) {
    if (list.length) console.log(`  ${label}: ${list.join(", ")}`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
