import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { createOramaEngine } from "../search/orama-engine";
import { loadSearchDocs } from "../search/search-docs";
import type { SearchEngine } from "../search/engine";

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

async function logSearches(db: DB, entries: [string, number, number?][]): Promise<void> {
  for (const [query, times, results = 0] of entries)
    for (let i = 0; i < times; i++)
      await db
        .insertInto("kb_search_log")
        .values({ query, locale: "en", results, visitor: null, ticket_after: 0, created_at: NOW - DAY })
        .execute();
}

describeEachDialect("content gaps: failed searches grouped, with what would answer them", (use) => {
  let lead: Actor, agent: Actor;
  let engine: SearchEngine;

  beforeAll(async () => {
    const db = use();
    [lead, agent] = await Promise.all([makeLead(db), makeAgent(db)]);
    const api = apiAs(db, lead);
    await api.kb.save({
      slug: "restore-from-backup",
      translationKey: "restore-from-backup",
      locale: "en",
      category: "backups",
      title: "Restoring your site from a backup",
      summary: "Ask for a restore and name the date.",
      tags: ["restore", "backup"],
      body: "We restore last night's backup to staging first.",
      status: "published",
    });
    await api.kb.save({
      slug: "site-hijacked",
      translationKey: "site-hijacked",
      locale: "en",
      category: "account-security",
      title: "When your site was broken into",
      summary: "Report it as Urgent.",
      tags: ["intrusion", "security"],
      body: "Someone broke into the admin panel of the site.",
      status: "published",
    });
    engine = createOramaEngine();
    await engine.replaceAll(await loadSearchDocs(db));
    // The process's engine, as the procedure finds it.
    (globalThis as unknown as { __mayakSearch?: SearchEngine }).__mayakSearch = engine;
    await logSearches(db, [
      ["site pwned", 3],
      ["pwned site", 2],
      ["restoring backups", 2],
      ["backup restore", 1],
      ["zxqvy", 4],
      ["zxqvu", 1],
      ["backup", 9, 3],
      ["сайт упал", 1],
    ]);
  });

  it("groups similar failed queries, counts them together, and suggests a synonym, an entry or an article to write", async () => {
    const gaps = await apiAs(use(), lead, () => NOW).kb.contentGaps({ days: 30 });
    const byFirst = Object.fromEntries(gaps.map((g) => [g.queries[0]!.query, g]));
    expect(gaps.map((g) => g.count)).toEqual([5, 5, 3, 1]);
    expect(byFirst["сайт упал"]!.suggestion).toEqual({ kind: "language", other: "ru" });
    expect(byFirst["site pwned"]).toMatchObject({
      count: 5,
      queries: [
        { query: "site pwned", count: 3 },
        { query: "pwned site", count: 2 },
      ],
      suggestion: { kind: "synonym", word: "pwned", to: "intrusion", article: { url: "/help/articles/site-hijacked" } },
    });
    expect(byFirst["zxqvy"]).toMatchObject({ count: 5, suggestion: { kind: "write" } });
    expect(byFirst["restoring backups"]).toMatchObject({
      count: 3,
      suggestion: { kind: "article", title: "Restoring your site from a backup", url: "/help/articles/restore-from-backup" },
    });
    // A query that found something is no gap.
    expect(gaps.some((g) => g.queries.some((q) => q.query === "backup"))).toBe(false);
  });

  it("is for leads only", async () => {
    await expect(apiAs(use(), agent, () => NOW).kb.contentGaps({ days: 30 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
