import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead, kbSnapshot } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import type { TSaveArticle } from "./schemas";

const v1: TSaveArticle = {
  slug: "two-factor-sign-in",
  translationKey: "two-factor-sign-in",
  locale: "en",
  category: "account-security",
  title: "Turning on two-factor sign-in",
  summary: "Protect your account with a second step.",
  tags: ["2fa", "security"],
  body: "Open your profile.\nChoose Security.\nScan the code.\n",
};
const v2: TSaveArticle = { ...v1, body: "Open your profile.\nChoose Security.\nScan the QR code with your app.\n" };
const v3: TSaveArticle = { ...v2, title: "Setting up two-factor sign-in" };

describeEachDialect("article revisions (tests run in order over one article)", (use) => {
  const clock = manualClock();
  let agent: Actor, lead: Actor, customer: Actor;
  let id: number;

  beforeAll(async () => {
    const db = use();
    [agent, lead, customer] = await Promise.all([makeAgent(db), makeLead(db), makeCustomer(db)]);
  });

  it("three saves are listed newest first, with their notes and authors", async () => {
    const db = use();
    id = (await apiAs(db, agent, clock.now).kb.save(v1)).id;
    clock.advance(1_000);
    await apiAs(db, agent, clock.now).kb.save({ ...v2, id });
    clock.advance(1_000);
    await apiAs(db, lead, clock.now).kb.save({ ...v3, id });

    const revs = await apiAs(db, agent).kb.revisions({ articleId: id });
    expect(revs.map((r) => [r.number, r.note, r.authorName, r.title, r.status])).toEqual([
      [3, "Edited in the app", lead.name, v3.title, "draft"],
      [2, "Edited in the app", agent.name, v1.title, "draft"],
      [1, "Written in the app", agent.name, v1.title, "draft"],
    ]);
    expect(revs.map((r) => r.createdAt)).toEqual([clock.now(), clock.now() - 1_000, clock.now() - 2_000]);
  });

  it("the diff between revisions 1 and 3 shows the title and body changes and leaves out unchanged fields", async () => {
    const db = use();
    const diff = await apiAs(db, agent).kb.diff({ articleId: id, from: 1, to: 3 });
    expect(diff.from).toBe(1);
    expect(diff.to).toBe(3);
    expect(diff.fields.map((f) => f.field)).toEqual(["title", "body"]);

    const title = diff.fields[0].parts;
    const words = (kind: string) =>
      title
        .filter((p) => p.kind === kind)
        .map((p) => p.text.trim())
        .join(" ");
    expect(words("removed")).toBe("Turning on");
    expect(words("added")).toBe("Setting up");
    expect(
      title
        .filter((p) => p.kind === "same")
        .map((p) => p.text)
        .join(""),
    ).toContain("two-factor sign-in");

    const body = diff.fields[1].parts;
    expect(body.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["Scan the code.\n"]);
    expect(body.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["Scan the QR code with your app.\n"]);
    expect(body.filter((p) => p.kind === "same").map((p) => p.text)).toEqual(["Open your profile.\nChoose Security.\n"]);
  });

  it("a diff of a revision with itself is empty, and one naming a missing revision is NOT_FOUND", async () => {
    const db = use();
    expect((await apiAs(db, agent).kb.diff({ articleId: id, from: 2, to: 2 })).fields).toEqual([]);
    expect(await errorCode(apiAs(db, agent).kb.diff({ articleId: id, from: 1, to: 9 }))).toBe("NOT_FOUND");
  });

  it("restoring revision 1 creates revision 4 with its content, keeps the history, and records article.restored", async () => {
    const db = use();
    clock.advance(1_000);
    expect(await apiAs(db, agent, clock.now).kb.restore({ articleId: id, number: 1 })).toEqual({ id, revision: 4 });
    const a = await db.selectFrom("kb_articles").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(a).toMatchObject({ revision: 4, title: v1.title, body: v1.body, status: "draft", slug: v1.slug });

    const revs = await apiAs(db, agent).kb.revisions({ articleId: id });
    expect(revs.map((r) => r.number)).toEqual([4, 3, 2, 1]);
    expect(revs[0]).toMatchObject({ note: "Restored revision 1", title: v1.title, authorName: agent.name });
    expect((await apiAs(db, agent).kb.diff({ articleId: id, from: 1, to: 4 })).fields).toEqual([]);

    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_type", "=", "article")
      .where("entity_id", "=", String(id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "article.restored", actor_id: agent.id });
    expect(JSON.parse(audit.before_json!)).toMatchObject({ revision: 3 });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ revision: 4, title: v1.title });
  });

  it("restoring a revision that does not exist is NOT_FOUND and changes nothing", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    expect(await errorCode(apiAs(db, lead).kb.restore({ articleId: id, number: 99 }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, lead).kb.restore({ articleId: 999_999, number: 1 }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, lead).kb.revisions({ articleId: 999_999 }))).toBe("NOT_FOUND");
    expect(await kbSnapshot(db)).toEqual(before);
  });

  it("once the article is published, an agent may not restore an older revision, and nothing changes", async () => {
    const db = use();
    await apiAs(db, lead, clock.now).kb.save({ ...v3, id, status: "published" });
    const before = await kbSnapshot(db);
    expect(await errorCode(apiAs(db, agent).kb.restore({ articleId: id, number: 1 }))).toBe("FORBIDDEN");
    expect(await kbSnapshot(db)).toEqual(before);
    // A lead may; the article stays published.
    expect(await apiAs(db, lead).kb.restore({ articleId: id, number: 1 })).toEqual({ id, revision: 6 });
    expect(await db.selectFrom("kb_articles").select(["status", "title"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
      status: "published",
      title: v1.title,
    });
  });

  it("customers get NOT_FOUND and anonymous callers UNAUTHORIZED from history procedures, and nothing changes", async () => {
    const db = use();
    const before = await kbSnapshot(db);
    for (const [actor, code] of [
      [customer, "NOT_FOUND"],
      [null, "UNAUTHORIZED"],
    ] as const) {
      const api = apiAs(db, actor);
      expect(await errorCode(api.kb.revisions({ articleId: id }))).toBe(code);
      expect(await errorCode(api.kb.diff({ articleId: id, from: 1, to: 3 }))).toBe(code);
      expect(await errorCode(api.kb.restore({ articleId: id, number: 1 }))).toBe(code);
    }
    expect(await kbSnapshot(db)).toEqual(before);
  });
});
