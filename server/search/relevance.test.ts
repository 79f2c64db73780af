import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOramaEngine } from "./orama-engine";
import type { SearchEngine } from "./engine";
import { loadContentDocs, loadSuite, scoreSuite } from "./relevance-suite";

interface Case {
  q: string;
  locale: "en" | "ru";
  expect: string;
}

const cases: Case[] = fs
  .readdirSync(path.join(import.meta.dirname, "../../tests/relevance"))
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../../tests/relevance", f), "utf8")) as Case[]);

describe("search relevance over the real help content (embedded engine)", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    const docs = await loadContentDocs(path.join(import.meta.dirname, "../../content"));
    engine = createOramaEngine();
    await engine.replaceAll(docs);
  });

  it("has at least 40 queries in English and Russian", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.locale))).toEqual(new Set(["en", "ru"]));
  });

  it("puts the expected entry in the top 3 for at least 90% of the queries", async () => {
    const misses: string[] = [];
    for (const c of cases) {
      const res = await engine.search({ q: c.q, locale: c.locale, limit: 3, offset: 0 });
      if (!res.hits.some((h) => h.slug === c.expect))
        misses.push(`${c.locale} "${c.q}" -> ${res.hits.map((h) => h.slug).join(", ") || "nothing"} (wanted ${c.expect})`);
    }
    const rate = 1 - misses.length / cases.length;
    if (misses.length) console.log(`relevance: ${(rate * 100).toFixed(1)}% in top 3; misses:\n  ${misses.join("\n  ")}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it("highlights matches in titles and snippets, as escaped HTML", async () => {
    const res = await engine.search({ q: "backup", locale: "en", limit: 5, offset: 0 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.some((h) => h.snippetHtml.includes("<mark>"))).toBe(true);
    expect(res.hits.every((h) => !/<(?!\/?mark>)/.test(h.snippetHtml))).toBe(true);
  });

  it("filters by category and kind, and never mixes languages", async () => {
    const res = await engine.search({ q: "backup restore", locale: "en", category: "backups", kind: "faq", limit: 10, offset: 0 });
    expect(res.hits.length).toBeGreaterThan(0);
    expect(res.hits.every((h) => h.category === "backups" && h.kind === "faq" && h.locale === "en")).toBe(true);
    const ru = await engine.search({ q: "резервные копии", locale: "ru", limit: 10, offset: 0 });
    expect(ru.hits.every((h) => h.locale === "ru")).toBe(true);
  });
});

/**
 * The larger suite (tests/relevance/questions: questions as customers type them, both languages), scored as
 * `scripts/relevance.mts` prints it. The goal is top-3 >= 97% and top-1 >= 85%; these floors are what
 * the engine reaches today, so that a change that loses ground fails here. Raise them as ranking improves.
 */
const FLOORS = { en: { top1: 0.87, top3: 0.97 }, ru: { top1: 0.85, top3: 0.97 } };

describe("the customer-question relevance suite", () => {
  it("has at least 150 questions per language, each expecting entries that exist", async () => {
    const suite = loadSuite(path.join(import.meta.dirname, "../../tests/relevance/questions"));
    const docs = await loadContentDocs(path.join(import.meta.dirname, "../../content"));
    const slugs = new Set(docs.map((d) => `${d.locale}:${d.slug}`));
    for (const locale of ["en", "ru"] as const) expect(suite.filter((c) => c.locale === locale).length).toBeGreaterThanOrEqual(150);
    expect(suite.flatMap((c) => c.expect.filter((slug) => !slugs.has(`${c.locale}:${slug}`)).map((slug) => `${c.q} -> ${slug}`))).toEqual(
      [],
    );
  });

  it("keeps top-1 and top-3 at or above the floors in both languages", async () => {
    const engine = createOramaEngine();
    await engine.replaceAll(await loadContentDocs(path.join(import.meta.dirname, "../../content")));
    const scores = await scoreSuite(engine, loadSuite(path.join(import.meta.dirname, "../../tests/relevance/questions")));
    expect(scores.map((s) => s.locale).sort()).toEqual(["en", "ru"]);
    for (const s of scores) {
      const floor = FLOORS[s.locale];
      const summary = `${s.locale}: top-1 ${s.top1.toFixed(3)}, top-3 ${s.top3.toFixed(3)}; misses:\n  ${s.misses.join("\n  ")}`;
      expect(s.top1, summary).toBeGreaterThanOrEqual(floor.top1);
      expect(s.top3, summary).toBeGreaterThanOrEqual(floor.top3);
    }
  });
});
