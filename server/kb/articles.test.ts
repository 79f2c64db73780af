import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead, kbSnapshot } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import type { DB } from "../db";
import type { TSaveArticle } from "./schemas";
import { findPublished, getPublishedArticle } from "./find-articles";
import { searchArticles } from "./search-articles";
import { renderMarkdown } from "./markdown";
import { createOramaEngine } from "../search/orama-engine";
import { makeSearchIndexHandler } from "../search/search-docs";

let n = 0;
/** A valid editor input with a fresh slug. */
function article(over: Partial<TSaveArticle> = {}): TSaveArticle {
  const slug = `kb-article-${++n}`;
  return {
    slug,
    translationKey: slug,
    locale: "en",
    category: "backups",
    title: `Restoring a backup ${n}`,
    summary: "How to ask for a restore.",
    tags: ["backup"],
    body: "Open a ticket and name the date.",
    ...over,
  };
}

const row = (db: DB, id: number) => db.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const lastAudit = (db: DB, id: number) =>
  db
    .selectFrom("audit_events")
    .selectAll()
    .where("entity_type", "=", "article")
    .where("entity_id", "=", String(id))
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();

describeEachDialect("writing articles through the API", (use) => {
  const clock = manualClock();
  let agent: Actor, lead: Actor, customer: Actor;
  let draftId: number, publishedId: number;
  const draftInput = article({ title: "Zanzibar recovery drill", body: "The zanzibar drill restores last night's copy." });
  const publishedInput = article({ title: "Quokka snapshot schedule", body: "Quokka snapshots run every night.", status: "published" });

  beforeAll(async () => {
    const db = use();
    [agent, lead, customer] = await Promise.all([makeAgent(db), makeLead(db), makeCustomer(db)]);
  });

  it("an agent writes a draft and edits it, each save a revision", async () => {
    const db = use();
    const api = apiAs(db, agent, clock.now);
    const created = await api.kb.save(draftInput);
    draftId = created.id;
    expect(created).toEqual({ id: draftId, revision: 1, status: "draft" });
    expect(await lastAudit(db, draftId)).toMatchObject({ action: "article.created", actor_id: agent.id });

    const edited = await api.kb.save({ ...draftInput, id: draftId, summary: "Practising a restore." });
    expect(edited).toEqual({ id: draftId, revision: 2, status: "draft" });
    expect(await row(db, draftId)).toMatchObject({ summary: "Practising a restore.", status: "draft", published_at: null });
    expect(await lastAudit(db, draftId)).toMatchObject({ action: "article.updated", actor_id: agent.id });
    expect(await api.kb.get({ id: draftId })).toMatchObject({ status: "draft", revision: 2, can: { saveDraft: true, publish: false } });
  });

  it("an agent who tries to publish is refused with FORBIDDEN and nothing changes", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    const api = apiAs(db, agent, clock.now);
    expect(await errorCode(api.kb.save({ ...draftInput, id: draftId, status: "published" }))).toBe("FORBIDDEN");
    expect(await errorCode(api.kb.save(article({ status: "published" })))).toBe("FORBIDDEN");
    expect(await errorCode(api.kb.save({ ...draftInput, id: draftId, status: "archived" }))).toBe("FORBIDDEN");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("a lead publishes: article.published is recorded and published_at set", async () => {
    const db = use();
    clock.advance(1_000);
    const api = apiAs(db, lead, clock.now);
    publishedId = (await api.kb.save(publishedInput)).id;
    expect(await row(db, publishedId)).toMatchObject({ status: "published", revision: 1, published_at: clock.now() });
    expect(await lastAudit(db, publishedId)).toMatchObject({ action: "article.published", actor_id: lead.id });
    expect((await getPublishedArticle(db, publishedInput.slug))?.id).toBe(publishedId);
  });

  it("once published, an agent may no longer edit the article, and nothing changes", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    expect(
      await errorCode(apiAs(db, agent).kb.save({ ...publishedInput, id: publishedId, status: "published", title: "Agent rewrite" })),
    ).toBe("FORBIDDEN");
    expect(await errorCode(apiAs(db, agent).kb.save({ ...publishedInput, id: publishedId, status: "draft" }))).toBe("FORBIDDEN");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("a draft is invisible to the public pages and to search; the published article is found", async () => {
    const db = use();
    const engine = createOramaEngine();
    const index = makeSearchIndexHandler(db, () => engine);
    for (const job of await db.selectFrom("jobs").select("payload").where("type", "=", "search.index").orderBy("id").execute()) {
      await index(JSON.parse(job.payload));
    }
    const ctx = { actor: null, ip: "127.0.0.1", userAgent: "vitest", now: clock.now };
    const search = (q: string) => searchArticles(db, engine, ctx, { q, locale: "en" }, { log: false });

    expect(await getPublishedArticle(db, draftInput.slug)).toBeNull();
    expect((await findPublished(db, { locale: "en" })).map((a) => a.id)).toEqual([publishedId]);
    expect((await search("zanzibar drill")).hits.map((h) => h.id)).not.toContain(draftId);
    const found = await search("quokka snapshot");
    expect(found.hits.map((h) => h.id)).toContain(publishedId);
    expect(found.hits.find((h) => h.id === publishedId)?.url).toBe(`/help/articles/${publishedInput.slug}`);
  });

  it("a slug already taken by another article is refused with CONFLICT on the slug field", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    const err = await apiAs(db, agent)
      .kb.save({ ...article(), slug: publishedInput.slug })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "CONFLICT", cause: { field: "slug" } });
    expect(await errorCode(apiAs(db, agent).kb.save({ ...draftInput, id: draftId, slug: publishedInput.slug.toUpperCase() }))).toBe(
      "CONFLICT",
    );
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it.each([
    ["an empty title", { title: "" }, "title"],
    ["an unknown category", { category: "cooking" }, "category"],
    ["a body of 100,001 characters", { body: "x".repeat(100_001) }, "body"],
    ["a blank body", { body: "   \n " }, "body"],
    ["a slug with spaces", { slug: "my new article" }, "slug"],
    ["an unknown status", { status: "live" }, "status"],
  ])("%s is refused with BAD_REQUEST on its field, and nothing is written", async (_what, over, field) => {
    const db = use();
    const before = await kbSnapshot(db);
    const err = await apiAs(db, lead)
      .kb.save({ ...article(), ...over } as TSaveArticle)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
    const paths = (err as { cause?: { issues?: { path: (string | number)[] }[] } }).cause?.issues?.map((i) => i.path.join("."));
    expect(paths).toContain(field);
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("a body of exactly 100,000 characters is accepted and stored whole", async () => {
    const db = use();
    const body = "й".repeat(100_000);
    const { id } = await apiAs(db, agent).kb.save(article({ body }));
    expect((await row(db, id)).body).toBe(body);
  });

  it("saving an article that does not exist is NOT_FOUND and writes nothing", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    expect(await errorCode(apiAs(db, lead).kb.save({ ...article(), id: 999_999 }))).toBe("NOT_FOUND");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("a customer gets NOT_FOUND from every editor procedure, and nothing changes", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    const api = apiAs(db, customer);
    expect(await errorCode(api.kb.save(article()))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.save({ ...draftInput, id: draftId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.list({}))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.get({ id: draftId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.preview({ body: "# hi" }))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.revisions({ articleId: draftId }))).toBe("NOT_FOUND");
    expect(await errorCode(api.kb.restore({ articleId: draftId, number: 1 }))).toBe("NOT_FOUND");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("an anonymous caller is told to sign in, and nothing changes", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    const api = apiAs(db, null);
    expect(await errorCode(api.kb.save(article()))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.kb.list({}))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.kb.get({ id: draftId }))).toBe("UNAUTHORIZED");
    expect(await errorCode(api.kb.restore({ articleId: draftId, number: 1 }))).toBe("UNAUTHORIZED");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("staff see drafts and published articles in the editor list", async () => {
    const db = use();
    const list = await apiAs(db, agent).kb.list({});
    expect(list.items.map((a) => a.id)).toEqual(expect.arrayContaining([draftId, publishedId]));
    expect((await apiAs(db, agent).kb.list({ status: "draft" })).items.map((a) => a.id)).not.toContain(publishedId);
  });

  it("a body with script, event handlers and javascript: links is stored as written and rendered without them", async () => {
    const db = use();
    const body = `Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) and <a href="javascript:alert(4)">raw</a>`;
    const { id } = await apiAs(db, lead).kb.save(article({ body, status: "published" }));
    const stored = await row(db, id);
    expect(stored.body).toBe(body);
    const { html } = renderMarkdown((await getPublishedArticle(db, stored.slug))!.body);
    expect(html).toContain("Hello");
    // The text between the dropped tags may remain, as harmless text; no tag, handler or scheme does.
    for (const bad of ["<script", "<img", "onerror", "javascript:"]) expect(html.toLowerCase()).not.toContain(bad);
    const preview = await apiAs(db, agent).kb.preview({ body });
    for (const bad of ["<script", "onerror", "javascript:"]) expect(preview.html.toLowerCase()).not.toContain(bad);
  });
});
