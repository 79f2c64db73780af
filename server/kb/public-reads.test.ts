import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeLead } from "@/tests/factories";
import type { TSaveArticle } from "./schemas";
import { findPublishedFaq } from "./find-articles";

const entry = (slug: string, over: Partial<TSaveArticle> = {}): TSaveArticle => ({
  kind: "faq",
  slug,
  translationKey: slug,
  locale: "en",
  category: "backups",
  title: `Question ${slug}`,
  summary: "",
  tags: [],
  body: `Answer to **${slug}**.`,
  status: "published",
  ...over,
});

describeEachDialect("public help-center reads", (use) => {
  beforeAll(async () => {
    const lead = apiAs(use(), await makeLead(use()));
    await lead.kb.save(entry("faq-restore-b", { position: 2 }));
    await lead.kb.save(entry("faq-restore-a", { position: 1 }));
    await lead.kb.save(entry("faq-first-ticket", { category: "getting-started" }));
    await lead.kb.save(entry("faq-draft", { status: "draft" }));
    await lead.kb.save(entry("faq-ru", { locale: "ru", title: "Вопрос о копиях" }));
    await lead.kb.save(entry("article-backups", { kind: "article", title: "How backups work" }));
  });

  it("findPublishedFaq: published FAQ entries of one language with their answers, in category and position order", async () => {
    const faq = await findPublishedFaq(use(), "en");
    expect(faq.map((f) => [f.slug, f.category])).toEqual([
      ["faq-restore-a", "backups"],
      ["faq-restore-b", "backups"],
      ["faq-first-ticket", "getting-started"],
    ]);
    expect(faq[0]).toMatchObject({
      kind: "faq",
      locale: "en",
      title: "Question faq-restore-a",
      body: "Answer to **faq-restore-a**.",
      status: "published",
    });
    expect((await findPublishedFaq(use(), "ru")).map((f) => f.slug)).toEqual(["faq-ru"]);
  });

  it("an anonymous caller reads the FAQ, the lists, an article and the sitemap; never a draft", async () => {
    const api = apiAs(use(), null);
    expect((await api.kb.faq({ locale: "en" })).map((f) => f.slug)).toEqual(["faq-restore-a", "faq-restore-b", "faq-first-ticket"]);
    expect((await api.kb.published({ locale: "en", kind: "article" })).map((a) => a.slug)).toEqual(["article-backups"]);
    expect((await api.kb.published({ locale: "en", category: "getting-started" })).map((a) => a.slug)).toEqual(["faq-first-ticket"]);
    expect((await api.kb.article({ slug: "article-backups" }))?.title).toBe("How backups work");
    expect(await api.kb.article({ slug: "faq-draft" })).toBeNull();
    expect((await api.kb.sitemap()).map((e) => e.slug)).not.toContain("faq-draft");
  });

  it("refuses input outside the catalog with BAD_REQUEST", async () => {
    const api = apiAs(use(), null);
    expect(await errorCode(api.kb.faq({ locale: "de" as "en" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.kb.published({ locale: "en", category: "cooking" as "backups" }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.kb.article({ slug: "x".repeat(161) }))).toBe("BAD_REQUEST");
    expect(await errorCode(api.kb.search({ q: "x".repeat(201), locale: "en" }))).toBe("BAD_REQUEST");
  });
});
