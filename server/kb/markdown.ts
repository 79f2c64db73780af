import "server-only";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

export interface TocEntry {
  id: string;
  text: string;
  level: 2 | 3;
}

export interface RenderedMarkdown {
  html: string;
  toc: TocEntry[];
}

/** An id for a heading that keeps Cyrillic letters: "Что делать?" -> "что-делать". */
export function headingId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "section"
  );
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "kbd",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    img: ["src", "alt", "title"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  transformTags: {
    // Headings of level 1 in a body would compete with the page title.
    h1: "h2",
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? "");
      return { tagName, attribs: external ? { ...attribs, rel: "noopener noreferrer nofollow" } : attribs };
    },
  },
};

/**
 * Markdown to safe HTML: marked renders, sanitize-html keeps only an allowlist of tags, attributes and
 * URL schemes, so script, event handlers, javascript: links and raw HTML never reach a reader.
 * `linkPrefix` rewrites links to the public pages for the reader's language (/help/… -> /ru/help/…, also
 * /faq, /status and /contact); `articleSlug` points a link to an article at its translation in that language.
 */
export function renderMarkdown(
  markdown: string,
  opts: { linkPrefix?: string; articleSlug?: (slug: string) => string } = {},
): RenderedMarkdown {
  const toc: TocEntry[] = [];
  const used = new Map<string, number>();
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline: (t: Tokens.Generic[]) => string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const level = Math.min(Math.max(token.depth, 2), 4);
        const base = headingId(token.text);
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const id = n ? `${base}-${n + 1}` : base;
        if (level === 2 || level === 3) toc.push({ id, text: token.text.replace(/[*_`]/g, ""), level });
        return `<h${level} id="${id}">${inner}</h${level}>\n`;
      },
      html() {
        // Raw HTML in Markdown is dropped, not escaped into view.
        return "";
      },
    },
  });
  let html = marked.parse(markdown, { async: false }) as string;
  html = sanitizeHtml(html, SANITIZE);
  const { articleSlug, linkPrefix } = opts;
  if (articleSlug)
    html = html.replace(/href="\/help\/articles\/([a-z0-9-]+)/g, (_, slug: string) => `href="/help/articles/${articleSlug(slug)}`);
  if (linkPrefix) html = html.replace(/href="\/(help|faq|status|contact)(?=[/"#?])/g, `href="${linkPrefix}/$1`);
  return { html, toc };
}

/** Plain text of a Markdown body, for search and summaries. */
export function markdownToText(markdown: string): string {
  const html = new Marked({ gfm: true }).parse(markdown, { async: false }) as string;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
