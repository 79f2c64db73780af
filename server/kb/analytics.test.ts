import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import type { DB } from "../db";
import { createCaller } from "../trpc/root";
import { createOramaEngine } from "../search/orama-engine";
import type { TSaveArticle } from "./schemas";
import { FOLLOW_UP_MS, logSearch, normalizeQuery } from "./analytics";
import { searchArticles } from "./search-articles";

const DAY = 86_400_000;
let calls = 0;
/** The API as a browser would call it: its own address (rate limits are per address) and, optionally, a visitor cookie. */
function callerAs(db: DB, actor: Actor | null, now: () => number, visitor?: string) {
  return createCaller({
    db,
    actor,
    ip: `198.51.100.${++calls % 250}:${calls}`,
    userAgent: "vitest",
    now,
    appUrl: "http://mayak.test",
    locale: "en",
    visitor,
  });
}

const article = (slug: string, status: TSaveArticle["status"]): TSaveArticle => ({
  slug,
  translationKey: slug,
  locale: "en",
  category: "sla",
  title: `About ${slug}`,
  body: `Text of ${slug}.`,
  status,
});

const count = async (db: DB, t: "kb_feedback" | "kb_deflections" | "kb_search_log" | "audit_events") =>
  Number(
    (
      await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("normalizeQuery", () => {
  it("lowercases, collapses spaces and replaces emails and long numbers", () => {
    expect(normalizeQuery("  Refund for JOHN.Doe+shop@Example.co.uk   order 123456789 ")).toBe("refund for [email] order [number]");
    expect(normalizeQuery("error 50312 on port 8080")).toBe("error 50312 on port 8080");
    expect(normalizeQuery("x".repeat(300))).toHaveLength(200);
  });
});

describeEachDialect("feedback and help-center analytics (tests run in order)", (use) => {
  const clock = manualClock();
  const t0 = clock.now();
  let agent: Actor, lead: Actor, customer: Actor;
  let a: number, b: number, draft: number, archived: number;
  const anon = () => callerAs(use(), null, clock.now);

  beforeAll(async () => {
    const db = use();
    [agent, lead, customer] = await Promise.all([makeAgent(db), makeLead(db), makeCustomer(db)]);
    const api = apiAs(db, lead, clock.now);
    a = (await api.kb.save(article("sla-response-times", "published"))).id;
    b = (await api.kb.save(article("business-hours", "published"))).id;
    draft = (await api.kb.save(article("unreleased-plan", "draft"))).id;
    archived = (await api.kb.save(article("old-uptime-promise", "published"))).id;
    await api.kb.save({ ...article("old-uptime-promise", "archived"), id: archived });
  });

  it("anyone may say whether an article helped; a no may carry a reason and a comment", async () => {
    const db = use();
    await anon().kb.feedback({ articleId: a, helpful: true, reason: "other", comment: "ignored on a yes" });
    await anon().kb.feedback({ articleId: a, helpful: false, reason: "outdated", comment: "  Hours changed last year.  " });
    await anon().kb.feedback({ articleId: a, helpful: false, reason: "unclear" });
    await anon().kb.feedback({ articleId: b, helpful: true });

    const rows = await db
      .selectFrom("kb_feedback")
      .select(["helpful", "reason", "comment", "created_at"])
      .where("article_id", "=", a)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { helpful: 1, reason: null, comment: null, created_at: t0 },
      { helpful: 0, reason: "outdated", comment: "Hours changed last year.", created_at: t0 },
      { helpful: 0, reason: "unclear", comment: null, created_at: t0 },
    ]);
    const audit = await db.selectFrom("audit_events").selectAll().where("action", "=", "article.feedback").orderBy("id").execute();
    expect(audit.map((e) => [e.entity_id, e.actor_id, e.actor_role])).toEqual([
      [String(a), null, "anonymous"],
      [String(a), null, "anonymous"],
      [String(a), null, "anonymous"],
      [String(b), null, "anonymous"],
    ]);
    expect(JSON.parse(audit[1].after_json!)).toMatchObject({ helpful: false, reason: "outdated" });
  });

  it("feedback on a draft, an archived or a missing article is NOT_FOUND and stores nothing", async () => {
    const db = use();
    const before = [await count(db, "kb_feedback"), await count(db, "audit_events")];
    for (const articleId of [draft, archived, 999_999]) {
      expect(await errorCode(anon().kb.feedback({ articleId, helpful: false, reason: "wrong_topic" }))).toBe("NOT_FOUND");
    }
    expect(await errorCode(anon().kb.feedback({ articleId: a, helpful: false, reason: "boring" as never }))).toBe("BAD_REQUEST");
    expect(await errorCode(anon().kb.feedback({ articleId: a, helpful: false, comment: "x".repeat(501) }))).toBe("BAD_REQUEST");
    expect([await count(db, "kb_feedback"), await count(db, "audit_events")]).toEqual(before);
  });

  it("a lead sees helpful and not-helpful counts per article, with the reasons and comments", async () => {
    const report = await apiAs(use(), lead, clock.now).kb.analytics({});
    expect(report.articles).toEqual([
      {
        id: a,
        slug: "sla-response-times",
        title: "About sla-response-times",
        locale: "en",
        helpful: 1,
        notHelpful: 2,
        reasons: { outdated: 1, unclear: 1 },
      },
      { id: b, slug: "business-hours", title: "About business-hours", locale: "en", helpful: 1, notHelpful: 0, reasons: {} },
    ]);
    expect(report.recentComments).toEqual([
      {
        slug: "sla-response-times",
        title: "About sla-response-times",
        reason: "outdated",
        comment: "Hours changed last year.",
        createdAt: t0,
      },
    ]);
  });

  it("searches are reported as top queries and no-result queries, without personal data", async () => {
    const db = use();
    for (const q of ["Reset password", "reset   PASSWORD", "reset password"])
      await logSearch(db, clock.now(), { query: q, locale: "en", results: 4 });
    await logSearch(db, clock.now(), { query: "reset password", locale: "en", results: 1 });
    for (let i = 0; i < 2; i++) await logSearch(db, clock.now(), { query: "zzqx nothing", locale: "en", results: 0 });
    await logSearch(db, clock.now(), { query: "x", locale: "en", results: 0 });
    // Through the search function, as /api/search calls it: the email never reaches the log.
    const ctx = { actor: null, ip: "127.0.0.1", userAgent: "vitest", now: clock.now, visitor: "visitor-search-1" };
    await searchArticles(db, createOramaEngine(), ctx, { q: "Refund for john@example.com" }, { log: true });
    const logged = await db
      .selectFrom("kb_search_log")
      .select(["query", "results", "visitor"])
      .where("visitor", "=", "visitor-search-1")
      .execute();
    expect(logged).toEqual([{ query: "refund for [email]", results: 0, visitor: "visitor-search-1" }]);

    const report = await apiAs(db, lead, clock.now).kb.analytics({});
    expect(report.topQueries[0]).toEqual({ query: "reset password", locale: "en", count: 4, avgResults: 3 });
    expect(report.topQueries.map((q) => q.query)).not.toContain("x");
    expect(report.noResults).toEqual(
      expect.arrayContaining([
        { query: "zzqx nothing", locale: "en", count: 2 },
        { query: "refund for [email]", locale: "en", count: 1 },
      ]),
    );
    expect(report.noResults.map((q) => q.query)).not.toContain("reset password");
    expect(report.ticketAfter).toEqual([]);
  });

  it("a search followed within the hour by a ticket from the same visitor is listed as a content gap", async () => {
    const db = use();
    await logSearch(db, clock.now() - 2 * FOLLOW_UP_MS, { query: "an older question", locale: "en", results: 3, visitor: "visitor-v1" });
    await logSearch(db, clock.now(), { query: "invoice not received", locale: "en", results: 2, visitor: "visitor-v1" });
    await logSearch(db, clock.now(), { query: "someone else asks", locale: "en", results: 2, visitor: "visitor-other" });
    clock.advance(5 * 60_000);
    await callerAs(db, customer, clock.now, "visitor-v1").tickets.create({
      subject: "Invoice missing",
      description: "I never received the November invoice.",
    });

    const report = await apiAs(db, lead, clock.now).kb.analytics({});
    expect(report.ticketAfter).toEqual([{ query: "invoice not received", locale: "en", count: 1 }]);
  });

  it("an opened suggestion counts as a deflection once an hour passes without a ticket, and as filed when one followed", async () => {
    const db = use();
    const opened = clock.now();
    await callerAs(db, null, clock.now, "visitor-w").kb.suggestionOpened({ articleId: a });
    await callerAs(db, null, clock.now, "visitor-v2").kb.suggestionOpened({ articleId: b });
    await callerAs(db, null, clock.now).kb.suggestionOpened({ articleId: b }); // no visitor cookie: nothing to follow
    expect(await count(db, "kb_deflections")).toBe(2);
    clock.advance(10 * 60_000);
    await callerAs(db, customer, clock.now, "visitor-v2").tickets.create({
      subject: "Still stuck",
      description: "The article did not answer my question.",
    });

    // Too recent to judge yet.
    expect((await apiAs(db, lead, clock.now).kb.analytics({})).deflection).toEqual({ opened: 0, deflected: 0, filed: 0 });
    clock.set(opened + FOLLOW_UP_MS + 1);
    expect((await apiAs(db, lead, clock.now).kb.analytics({})).deflection).toEqual({ opened: 2, deflected: 1, filed: 1 });
    const rows = await db.selectFrom("kb_deflections").select(["visitor", "ticket_filed"]).orderBy("visitor").execute();
    expect(rows).toEqual([
      { visitor: "visitor-v2", ticket_filed: 1 },
      { visitor: "visitor-w", ticket_filed: 0 },
    ]);
  });

  it("only leads may read the analytics: agents and customers get NOT_FOUND, anonymous callers UNAUTHORIZED", async () => {
    const db = use();
    expect(await errorCode(apiAs(db, agent).kb.analytics({}))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer).kb.analytics({}))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).kb.analytics({}))).toBe("UNAUTHORIZED");
  });

  it("the analytics window leaves out feedback and searches older than the days asked for", async () => {
    const db = use();
    await logSearch(db, clock.now() - 40 * DAY, { query: "ancient query", locale: "en", results: 0 });
    await callerAs(db, null, () => clock.now() - 40 * DAY).kb.feedback({ articleId: b, helpful: false, reason: "outdated" });
    const report = await apiAs(db, lead, clock.now).kb.analytics({ days: 30 });
    expect(report.noResults.map((q) => q.query)).not.toContain("ancient query");
    expect(report.articles.find((x) => x.id === b)).toMatchObject({ notHelpful: 0 });
    expect((await apiAs(db, lead, clock.now).kb.analytics({ days: 60 })).articles.find((x) => x.id === b)).toMatchObject({ notHelpful: 1 });
  });

  it("recent comments are limited to the days asked for, like the rest of the report", async () => {
    const db = use();
    await callerAs(db, null, () => clock.now() - 40 * DAY).kb.feedback({
      articleId: b,
      helpful: false,
      reason: "other",
      comment: "A comment from long ago",
    });
    const report = await apiAs(db, lead, clock.now).kb.analytics({ days: 30 });
    expect(report.recentComments.map((c) => c.comment)).not.toContain("A comment from long ago");
  });

  // kb.suggestionOpened is public: an id that is not a published article is NOT_FOUND, never a 500.
  it("a suggestion opened for an article that does not exist is not a server error", async () => {
    const db = use();
    const before = await count(db, "kb_deflections");
    const outcome = await callerAs(db, null, clock.now, "visitor-x")
      .kb.suggestionOpened({ articleId: 999_999 })
      .then(
        () => "OK",
        (e: { code?: string }) => e.code,
      );
    expect(outcome).not.toBe("INTERNAL_SERVER_ERROR");
    expect(await count(db, "kb_deflections")).toBe(before);
  });
});
