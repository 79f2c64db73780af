import path from "node:path";
import { describe, expect, it } from "vitest";
import { articleSlugResolver, bareInSitePaths, checkContentLinks, linkedArticleSlugs } from "./content-links";
import { readContentDir } from "./content-files";

describe("content links", () => {
  it("finds in-site paths written as text, not those inside links or code", () => {
    const body = [
      "See /help/articles/we-never-ask-for-your-password.",
      "Open [/status](/status) or [the form](/tickets/new), then `/faq` in code.",
      "Russian: см. «/ru/help/articles/x», and /tickets.",
      "```\n/help/articles/in-a-block\n```",
      "An outside address https://example.com/help/articles/y is not ours.",
    ].join("\n\n");
    expect(bareInSitePaths(body)).toEqual(["/help/articles/we-never-ask-for-your-password", "/ru/help/articles/x", "/tickets"]);
  });

  it("lists the articles a body links to", () => {
    expect(linkedArticleSlugs("[A](/help/articles/a) and [B](/ru/help/articles/b#steps) and [C](/status)")).toEqual(["a", "b"]);
  });

  it("warns about bare paths and fails on links to missing articles", () => {
    const check = checkContentLinks(
      [
        { path: "articles/en/one.md", body: "See /help/articles/two. And [gone](/help/articles/gone)." },
        { path: "articles/en/two.md", body: "Back to [one](/help/articles/one)." },
      ],
      ["one", "two"],
    );
    expect(check.warnings).toEqual([
      'articles/en/one.md: "/help/articles/two" is a bare path; write it as a link, [Title](/help/articles/two)',
    ]);
    expect(check.errors).toEqual(["articles/en/one.md: links to /help/articles/gone, which does not exist"]);
  });

  it("sends a link to the reader's language when the article is translated", () => {
    const resolve = articleSlugResolver(
      [
        { slug: "lost-phone", locale: "en", translation_key: "lost" },
        { slug: "poteryan-telefon", locale: "ru", translation_key: "lost" },
        { slug: "english-only", locale: "en", translation_key: "only" },
      ],
      "ru",
    );
    expect(resolve("lost-phone")).toBe("poteryan-telefon");
    expect(resolve("poteryan-telefon")).toBe("poteryan-telefon");
    expect(resolve("english-only")).toBe("english-only");
    expect(resolve("unknown")).toBe("unknown");
  });

  it("the shipped help content has no bare paths and no broken links", async () => {
    const { files, errors } = await readContentDir(path.join(process.cwd(), "content"));
    expect(errors).toEqual([]);
    const check = checkContentLinks(
      files.map((f) => ({ path: f.path, body: f.fields.body })),
      files.map((f) => f.fields.slug),
    );
    expect(check).toEqual({ warnings: [], errors: [] });
  });

  it("links between articles stay in the article's language", async () => {
    const { files } = await readContentDir(path.join(process.cwd(), "content"));
    const localeOf = new Map(files.map((f) => [f.fields.slug, f.fields.locale]));
    const crossed = files.flatMap((f) =>
      linkedArticleSlugs(f.fields.body)
        .filter((slug) => localeOf.get(slug) !== f.fields.locale)
        .map((slug) => `${f.path} -> ${slug}`),
    );
    expect(crossed).toEqual([]);
  });
});
