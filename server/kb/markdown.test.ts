import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "./markdown";

describe("markdown", () => {
  it("renders headings with ids and collects the table of contents", () => {
    const { html, toc } = renderMarkdown("# Top\n\n## Что делать?\n\ntext\n\n### Steps\n\n## Steps\n");
    expect(toc).toEqual([
      { id: "top", text: "Top", level: 2 },
      { id: "что-делать", text: "Что делать?", level: 2 },
      { id: "steps", text: "Steps", level: 3 },
      { id: "steps-2", text: "Steps", level: 2 },
    ]);
    expect(html).toContain('<h2 id="что-делать">Что делать?</h2>');
    expect(html).not.toContain("<h1");
  });

  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src=x onerror="alert(1)">', "onerror"],
    ["[click](javascript:alert(1))", "javascript:"],
    ['<a href="https://evil.test" onclick="x()">a</a>', "onclick"],
    ["<iframe src='https://evil.test'></iframe>", "<iframe"],
    ["![x](data:text/html;base64,PHNjcmlwdD4=)", "data:"],
  ])("sanitises %s", (input, forbidden) => {
    expect(renderMarkdown(input).html.toLowerCase()).not.toContain(forbidden);
  });

  it("keeps ordinary formatting and marks external links", () => {
    const { html } = renderMarkdown("1. **Bold** and `code`\n2. [site](https://example.com) and [help](/help/articles/x)");
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">site</a>');
    expect(html).toContain('<a href="/help/articles/x">help</a>');
  });

  it("rewrites help links for the article's language", () => {
    expect(renderMarkdown("[a](/help/articles/x)", { linkPrefix: "/ru" }).html).toContain('href="/ru/help/articles/x"');
  });

  it("sends every public link to the reader's language and articles to their translation", () => {
    const md = "[a](/help/articles/lost-phone) [s](/status) [f](/faq#x) [t](/tickets/new) [h](/helpful)";
    const { html } = renderMarkdown(md, { linkPrefix: "/ru", articleSlug: (s) => (s === "lost-phone" ? "poteryan-telefon" : s) });
    expect(html).toContain('href="/ru/help/articles/poteryan-telefon"');
    expect(html).toContain('href="/ru/status"');
    expect(html).toContain('href="/ru/faq#x"');
    // The ticket pages have one address for both languages; a look-alike path is left alone.
    expect(html).toContain('href="/tickets/new"');
    expect(html).toContain('href="/helpful"');
  });

  it("extracts plain text", () => {
    expect(markdownToText("## Title\n\nSome **bold** & <b>html</b> text.")).toBe("Title Some bold & html text.");
  });
});
