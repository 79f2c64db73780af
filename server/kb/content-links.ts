import "server-only";
import type { Locale } from "@/lib/i18n";

/**
 * Links between help articles. Authors write `[Title](/help/articles/<slug>)`; a bare path in the text
 * ("See /help/articles/x.") reads like an address to copy, so content:sync warns about it, and a link to
 * an article that does not exist fails the sync.
 */

// Pages a reader can open from an article: a path to one of them outside a link is "bare".
const IN_SITE = /(^|[\s(«"'])(\/(?:ru\/)?(?:help|faq|status|contact|tickets|signin|signup|account|forgot-password)(?:\/[\w\-./#?=&%]*)?)/g;
const ARTICLE_LINK = /\]\(\s*(?:\/ru)?\/help\/articles\/([^)\s#?]+)[^)]*\)/g;

/** The text that is neither code nor a link's target, where a bare path would be visible as text. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[a-z]+:[^>]*>/gi, " ");
}

/** In-site paths written as plain text instead of links, in the order they appear. */
export function bareInSitePaths(markdown: string): string[] {
  const text = prose(markdown).replace(/\[([^\]]*)\]/g, (m, label: string) => (label.startsWith("/") ? " " : m));
  return [...text.matchAll(IN_SITE)].map((m) => m[2].replace(/[.,;:!?]+$/, ""));
}

/** The slugs of the articles a body links to. */
export function linkedArticleSlugs(markdown: string): string[] {
  const withoutCode = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, " ").replace(/`[^`\n]*`/g, " ");
  return [...withoutCode.matchAll(ARTICLE_LINK)].map((m) => m[1]);
}

export interface LinkCheckInput {
  path: string;
  body: string;
}

export interface LinkCheck {
  /** Bare paths: the sync goes on, the author should make them links. */
  warnings: string[];
  /** Links to articles that do not exist: content:sync fails. */
  errors: string[];
}

/** Checks every file's links against the slugs that exist (the files' own and any kept in the database). */
export function checkContentLinks(files: LinkCheckInput[], existingSlugs: Iterable<string>): LinkCheck {
  const known = new Set(existingSlugs);
  const out: LinkCheck = { warnings: [], errors: [] };
  for (const f of files) {
    for (const p of bareInSitePaths(f.body)) out.warnings.push(`${f.path}: "${p}" is a bare path; write it as a link, [Title](${p})`);
    for (const slug of linkedArticleSlugs(f.body)) {
      if (!known.has(slug)) out.errors.push(`${f.path}: links to /help/articles/${slug}, which does not exist`);
    }
  }
  return out;
}

export interface ArticleLinkEntry {
  slug: string;
  locale: Locale;
  translation_key: string;
}

/**
 * Where a link to an article should take a reader of `locale`: to the article's translation in that
 * language when there is one, else to the article itself (whose page says it is in another language).
 */
export function articleSlugResolver(entries: readonly ArticleLinkEntry[], locale: Locale): (slug: string) => string {
  const bySlug = new Map(entries.map((e) => [e.slug, e]));
  const byKey = new Map(entries.filter((e) => e.locale === locale).map((e) => [e.translation_key, e.slug]));
  return (slug) => {
    const e = bySlug.get(slug);
    if (!e || e.locale === locale) return slug;
    return byKey.get(e.translation_key) ?? slug;
  };
}
