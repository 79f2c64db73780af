import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeLead } from "@/tests/factories";
import { systemCtx, type Actor } from "../context";
import type { DB } from "../db";
import { parseContentFile } from "../kb/content-files";
import { syncContent } from "../kb/sync-content";
import type { TSaveArticle } from "../kb/schemas";
import { loadSearchDocs, makeSearchIndexHandler } from "./search-docs";
import { createOramaEngine } from "./orama-engine";
import { searchPublishedSql } from "./sql-search";

let n = 0;
function article(over: Partial<TSaveArticle> = {}): TSaveArticle {
  const slug = `plain-text-${++n}`;
  return {
    slug,
    translationKey: slug,
    locale: "en",
    category: "backups",
    title: `Plain text ${n}`,
    summary: "A summary.",
    tags: ["backup"],
    body: "## Steps\n\nOpen **the panel** and press *Restore*.",
    status: "published",
    ...over,
  };
}

const bodyText = async (db: DB, id: number) =>
  (await db.selectFrom("kb_articles").select("body_text").where("id", "=", id).executeTakeFirstOrThrow()).body_text;

/** A published row as tools outside the app write it (and as rows from before migration 0005 are): no plain text. */
async function insertRaw(
  db: DB,
  slug: string,
  over: { title?: string; summary?: string; body?: string; locale?: "en" | "ru"; status?: "published" | "draft" } = {},
): Promise<number> {
  const res = await db
    .insertInto("kb_articles")
    .values({
      kind: "article",
      slug,
      locale: over.locale ?? "en",
      translation_key: slug,
      category: "backups",
      title: over.title ?? `Raw ${slug}`,
      summary: over.summary ?? "Raw summary.",
      tags: "[]",
      body: over.body ?? "Raw **body** with a [link](https://example.com).",
      status: over.status ?? "published",
      position: 100,
      source_path: null,
      source_hash: null,
      revision: 1,
      created_at: 1,
      updated_at: 1,
      published_at: 1,
    })
    .executeTakeFirstOrThrow();
  return Number(res.insertId);
}

describeEachDialect("the stored plain text of an entry", (use) => {
  let lead: Actor;
  beforeAll(async () => {
    lead = await makeLead(use());
  });

  it("follows every write: publish, edit, archive, restore", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const input = article();
    const { id } = await api.kb.save(input);
    expect(await bodyText(db, id)).toBe("Steps Open the panel and press Restore.");

    await api.kb.save({ ...input, id, body: "Now **different** words." });
    expect(await bodyText(db, id)).toBe("Now different words.");

    await api.kb.save({ ...input, id, body: "Archived *text*.", status: "archived" });
    expect(await bodyText(db, id)).toBe("Archived text.");

    await api.kb.restore({ articleId: id, number: 1 });
    expect(await bodyText(db, id)).toBe("Steps Open the panel and press Restore.");
  });

  it("is written by the content sync, and follows a changed file", async () => {
    const db = use();
    const file = (body: string) =>
      parseContentFile(
        "articles/en/synced-entry.md",
        `---\nslug: synced-entry\ntitle: Synced entry\nlocale: en\ncategory: backups\ntags: [sync]\nsummary: Synced.\ntranslationKey: synced-entry\n---\n\n${body}\n`,
      );
    await syncContent(db, systemCtx(), [file("First *version*.")]);
    const row = await db.selectFrom("kb_articles").select(["id", "body_text"]).where("slug", "=", "synced-entry").executeTakeFirstOrThrow();
    expect(row.body_text).toBe("First version.");
    await syncContent(db, systemCtx(), [file("Second `version`.")]);
    expect(await bodyText(db, row.id)).toBe("Second version.");
  });

  it("is filled in when the index is built, for rows that have none (rows from before the migration)", async () => {
    const db = use();
    const id = await insertRaw(db, "raw-published");
    const draft = await insertRaw(db, "raw-draft", { status: "draft" });
    expect(await bodyText(db, id)).toBeNull();

    const docs = await loadSearchDocs(db);
    expect(docs.find((d) => d.id === id)?.text).toBe("Raw body with a link.");
    expect(await bodyText(db, id)).toBe("Raw body with a link.");
    // Only published entries are read for the index; a draft gets its text when it is next written.
    expect(await bodyText(db, draft)).toBeNull();
    expect(docs.map((d) => d.id)).toEqual([...docs.map((d) => d.id)].sort((a, b) => a - b));
  });

  it("is what the index searches: a published edit reaches search through the index job", async () => {
    const db = use();
    const api = apiAs(db, lead);
    const input = article({ body: "The walrus procedure." });
    const { id } = await api.kb.save(input);
    const engine = createOramaEngine();
    await engine.prepare(() => loadSearchDocs(db));
    expect((await engine.search({ q: "walrus", locale: "en", limit: 10, offset: 0 })).hits.map((h) => h.id)).toEqual([id]);

    await api.kb.save({ ...input, id, body: "The narwhal procedure." });
    await makeSearchIndexHandler(db, () => engine)({ articleId: id });
    expect((await engine.search({ q: "walrus", locale: "en", limit: 10, offset: 0 })).total).toBe(0);
    expect((await engine.search({ q: "narwhal", locale: "en", limit: 10, offset: 0 })).hits.map((h) => h.id)).toEqual([id]);
  });
});

describeEachDialect("search from the database while the index is built", (use) => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    const db = use();
    ids = {
      title: await insertRaw(db, "fallback-title", { title: "Restoring a backup from the panel", summary: "Steps." }),
      summary: await insertRaw(db, "fallback-summary", { title: "Nightly copies", summary: "How we restore your backup files." }),
      other: await insertRaw(db, "fallback-other", { title: "Billing", summary: "Invoices and payments." }),
      draft: await insertRaw(db, "fallback-draft", { title: "Restoring a backup (draft)", status: "draft" }),
      ru: await insertRaw(db, "fallback-ru", { title: "Резервные копии сайта", summary: "Как мы храним копии.", locale: "ru" }),
    };
  });
  const search = (q: string, over: Partial<Parameters<typeof searchPublishedSql>[1]> = {}) =>
    searchPublishedSql(use(), { q, locale: "en", limit: 10, offset: 0, ...over });

  it("finds published entries of the language by title, tags or summary, title matches first", async () => {
    const res = await search("how to restore backup");
    expect(res.hits.map((h) => h.id)).toEqual([ids.title, ids.summary]);
    expect(res.total).toBe(2);
    expect(res.hits[0]).toMatchObject({ slug: "fallback-title", kind: "article", locale: "en", category: "backups" });
  });

  it("highlights like the engine, as escaped HTML", async () => {
    const [hit] = (await search("backup")).hits;
    expect(hit?.titleHtml).toBe("Restoring a <mark>backup</mark> from the panel");
    expect((await search("<script>backup")).hits.every((h) => !/<(?!\/?mark>)/.test(h.titleHtml + h.snippetHtml))).toBe(true);
  });

  it("understands Russian word forms and a capital first letter", async () => {
    const res = await search("резервных копий", { locale: "ru" });
    expect(res.hits.map((h) => h.id)).toEqual([ids.ru]);
    expect(res.hits[0]?.titleHtml).toContain("<mark>Резервные</mark>");
  });

  it("pages, filters and answers nothing for nothing", async () => {
    const page2 = await search("restore backup", { limit: 1, offset: 1 });
    expect(page2).toMatchObject({ total: 2, hits: [{ id: ids.summary }] });
    expect((await search("backup", { kind: "faq" })).total).toBe(0);
    expect(await search("   ")).toEqual({ hits: [], total: 0 });
    expect((await search("zzzqqq")).total).toBe(0);
  });
});
