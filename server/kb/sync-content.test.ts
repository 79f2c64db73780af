import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeLead, kbSnapshot } from "@/tests/factories";
import { manualClock } from "../clock";
import { systemCtx, type Actor } from "../context";
import type { DB } from "../db";
import { parseContentFile, readContentDir } from "./content-files";
import { syncContent } from "./sync-content";
import { saveArticle } from "./save-article";
import { fieldsOf } from "./write-article";
import { findPublished, getPublishedArticle } from "./find-articles";

/** The text of one content file; `fm` overrides or adds front-matter lines. */
function contentFile(slug: string, opts: { locale?: string; title?: string; body?: string; fm?: Record<string, string> } = {}): string {
  const fm: Record<string, string> = {
    slug,
    title: opts.title ?? `All about ${slug}`,
    locale: opts.locale ?? "en",
    category: "incidents",
    tags: "[outage, report]",
    summary: `A short summary of ${slug}.`,
    translationKey: slug,
    order: "10",
    ...opts.fm,
  };
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
  return `---\n${yaml}\n---\n\n${opts.body ?? `The body of ${slug}.`}\n`;
}

const bySlug = (db: DB, slug: string) => db.selectFrom("kb_articles").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
const auditActions = async (db: DB, id: number) =>
  (
    await db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "article")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute()
  ).map((r) => r.action);
const indexJobs = async (db: DB, id: number) =>
  (await db.selectFrom("jobs").select("payload").where("type", "=", "search.index").execute()).filter(
    (j) => JSON.parse(j.payload).articleId === id,
  ).length;

describe("parseContentFile", () => {
  it("reads the front matter, takes `order` as the position and hashes the text", () => {
    const text = contentFile("printer-fire", { fm: { order: "7" } });
    const f = parseContentFile("articles/en/printer-fire.md", text);
    expect(f.fields).toMatchObject({
      slug: "printer-fire",
      kind: "article",
      locale: "en",
      category: "incidents",
      position: 7,
      tags: ["outage", "report"],
    });
    expect(f.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseContentFile("faq/en/printer-fire.md", text).fields.kind).toBe("faq");
  });

  it.each([
    ["a file without front matter", "printer-fire", "no front matter here\n", /front matter/],
    ["an unknown category", "printer-fire", contentFile("printer-fire", { fm: { category: "cooking" } }), /printer-fire\.md: category/],
    ["a slug that is not the file name", "other-name", contentFile("printer-fire"), /file name must be the slug/],
    ["a locale that is not the folder's", "printer-fire", contentFile("printer-fire", { locale: "ru" }), /does not match its folder/],
  ])("refuses %s", (_what, name, text, message) => {
    expect(() => parseContentFile(`articles/en/${name}.md`, text)).toThrow(message);
  });
});

describeEachDialect("content sync (tests run in order over one content folder)", (use) => {
  const clock = manualClock();
  const ctx = systemCtx(clock.now);
  let dir: string;
  let lead: Actor;
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const sync = async () => {
    const { files, errors } = await readContentDir(dir);
    return {
      errors,
      report: await syncContent(
        use(),
        ctx,
        files,
        errors.map((e) => e.path),
      ),
    };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mayak-kb-"));
    lead = await makeLead(use());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("new files become published articles at revision 1, each with an article.created event and a search job", async () => {
    const db = use();
    put("articles/en/site-is-down.md", contentFile("site-is-down"));
    put("articles/ru/sait-ne-rabotaet.md", contentFile("sait-ne-rabotaet", { locale: "ru", title: "Сайт не работает" }));
    put("faq/en/what-is-urgent.md", contentFile("what-is-urgent"));
    const { errors, report } = await sync();
    expect(errors).toEqual([]);
    expect(report).toEqual({
      added: ["site-is-down", "sait-ne-rabotaet", "what-is-urgent"],
      updated: [],
      archived: [],
      unchanged: 0,
      conflicts: [],
    });
    for (const slug of report.added) {
      const a = await bySlug(db, slug);
      expect(a).toMatchObject({ status: "published", revision: 1, published_at: clock.now() });
      expect(await auditActions(db, a.id)).toEqual(["article.created"]);
      expect(await indexJobs(db, a.id)).toBe(1);
      const revs = await db.selectFrom("kb_revisions").selectAll().where("article_id", "=", a.id).execute();
      expect(revs).toHaveLength(1);
      expect(revs[0]).toMatchObject({ number: 1, status: "published", author_id: null, title: a.title, body: a.body });
    }
    expect((await bySlug(db, "what-is-urgent")).kind).toBe("faq");
    expect((await findPublished(db, { locale: "ru" })).map((a) => a.slug)).toEqual(["sait-ne-rabotaet"]);
  });

  it("running the sync again over the same files changes nothing", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    clock.advance(60_000);
    const { report } = await sync();
    expect(report).toEqual({ added: [], updated: [], archived: [], unchanged: 3, conflicts: [] });
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("a changed file updates its article as revision 2 with an article.synced event", async () => {
    const db = use();
    const before = await bySlug(db, "site-is-down");
    clock.advance(60_000);
    put("articles/en/site-is-down.md", contentFile("site-is-down", { title: "Is your site down?", body: "A new body." }));
    const { report } = await sync();
    expect(report).toEqual({ added: [], updated: ["site-is-down"], archived: [], unchanged: 2, conflicts: [] });
    const after = await bySlug(db, "site-is-down");
    expect(after).toMatchObject({
      id: before.id,
      revision: 2,
      status: "published",
      title: "Is your site down?",
      body: "A new body.\n",
      published_at: before.published_at,
      updated_at: clock.now(),
    });
    expect(await auditActions(db, after.id)).toEqual(["article.created", "article.synced"]);
    expect(await indexJobs(db, after.id)).toBe(2);
    expect((await getPublishedArticle(db, "site-is-down"))?.title).toBe("Is your site down?");
  });

  it("a removed file archives its article, which the public no longer sees", async () => {
    const db = use();
    fs.rmSync(path.join(dir, "faq/en/what-is-urgent.md"));
    const { report } = await sync();
    expect(report).toEqual({ added: [], updated: [], archived: ["what-is-urgent"], unchanged: 2, conflicts: [] });
    const a = await bySlug(db, "what-is-urgent");
    expect(a).toMatchObject({ status: "archived", revision: 2 });
    expect(await auditActions(db, a.id)).toEqual(["article.created", "article.archived"]);
    expect(await indexJobs(db, a.id)).toBe(2);
    expect(await getPublishedArticle(db, "what-is-urgent")).toBeNull();
    expect((await findPublished(db, { locale: "en" })).map((x) => x.slug)).toEqual(["site-is-down"]);

    const before = await kbSnapshot(db);
    expect((await sync()).report).toEqual({ added: [], updated: [], archived: [], unchanged: 2, conflicts: [] });
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("putting the file back publishes the same article again", async () => {
    const db = use();
    const archived = await bySlug(db, "what-is-urgent");
    clock.advance(60_000);
    put("faq/en/what-is-urgent.md", contentFile("what-is-urgent"));
    const { report } = await sync();
    expect(report.updated).toEqual(["what-is-urgent"]);
    expect(await bySlug(db, "what-is-urgent")).toMatchObject({
      id: archived.id,
      status: "published",
      revision: 3,
      published_at: clock.now(),
    });
    expect(await getPublishedArticle(db, "what-is-urgent")).not.toBeNull();
  });

  it.each([
    ["bad YAML", "slug: site-is-down\ntitle: [unclosed\n"],
    ["an unknown category", contentFile("site-is-down", { fm: { category: "cooking" } }).split("---\n")[1]],
    ["a slug that is not the file name", contentFile("site-is-gone").split("---\n")[1]],
  ])("a file with %s is reported, and its published article is kept as it is", async (_what, yaml) => {
    const db = use();
    const rel = "articles/en/site-is-down.md";
    const good = fs.readFileSync(path.join(dir, rel), "utf8");
    put(rel, `---\n${yaml.trimEnd()}\n---\n\nBroken.\n`);
    const before = await kbSnapshot(db);
    const { errors, report } = await sync();
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe(rel);
    expect(errors[0].message.startsWith(`${rel}: `)).toBe(true);
    expect(report).toEqual({ added: [], updated: [], archived: [], unchanged: 2, conflicts: [] });
    expect(await kbSnapshot(db)).toEqual(before);
    expect((await getPublishedArticle(db, "site-is-down"))?.title).toBe("Is your site down?");
    put(rel, good);
  });

  it("a new file that does not parse is reported and adds nothing", async () => {
    const db = use();
    put("articles/en/half-written.md", "no front matter yet\n");
    const before = await kbSnapshot(db);
    const { errors, report } = await sync();
    expect(errors.map((e) => e.path)).toEqual(["articles/en/half-written.md"]);
    expect(report.added).toEqual([]);
    expect(await kbSnapshot(db)).toEqual(before);
    fs.rmSync(path.join(dir, "articles/en/half-written.md"));
  });

  it("an edit made in the app survives a re-sync of the unchanged file; a later change to the file wins", async () => {
    const db = use();
    const a = await bySlug(db, "sait-ne-rabotaet");
    await saveArticle(
      db,
      { ...systemCtx(clock.now), actor: lead },
      { ...fieldsOf(a), id: a.id, status: "published", title: "Сайт недоступен: что делать" },
    );
    const edited = await bySlug(db, "sait-ne-rabotaet");
    expect(edited).toMatchObject({ revision: 2, source_path: a.source_path, source_hash: a.source_hash });

    const before = await kbSnapshot(db);
    expect((await sync()).report).toEqual({ added: [], updated: [], archived: [], unchanged: 3, conflicts: [] });
    expect(await kbSnapshot(db)).toEqual(before);
    expect((await getPublishedArticle(db, "sait-ne-rabotaet"))?.title).toBe("Сайт недоступен: что делать");

    put("articles/ru/sait-ne-rabotaet.md", contentFile("sait-ne-rabotaet", { locale: "ru", title: "Сайт не работает — новая версия" }));
    expect((await sync()).report.updated).toEqual(["sait-ne-rabotaet"]);
    expect(await bySlug(db, "sait-ne-rabotaet")).toMatchObject({ revision: 3, title: "Сайт не работает — новая версия" });
  });
});

describeEachDialect("content sync with two files claiming one slug", (use) => {
  const ctx = systemCtx(manualClock().now);
  const files = [
    parseContentFile("articles/en/twin-slug.md", contentFile("twin-slug", { title: "The article twin" })),
    parseContentFile("faq/en/twin-slug.md", contentFile("twin-slug", { title: "The FAQ twin" })),
  ];

  // The second file is refused and reported, so the sync stays idempotent.
  it("a second sync over the same files changes nothing", async () => {
    const db = use();
    await syncContent(db, ctx, files);
    const before = await kbSnapshot(db);
    const report = await syncContent(db, ctx, files);
    expect(report.updated).toEqual([]);
    expect(report.conflicts).toEqual(['faq/en/twin-slug.md: slug "twin-slug" is already used by articles/en/twin-slug.md']);
    expect(await kbSnapshot(db)).toEqual(before);
  });
});
