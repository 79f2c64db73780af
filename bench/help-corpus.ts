// The help-center benchmark's data: 10,000 generated articles made from the real help-center content
// (the articles and FAQ entries the app syncs from content/ at its first start), and the search queries.
import type SQLite from "better-sqlite3";
import { prng } from "../lib/prng";

/** One published row of kb_articles, as the seeded database holds it. */
export interface SourceArticle {
  kind: "article" | "faq";
  slug: string;
  locale: "en" | "ru";
  category: string;
  title: string;
  summary: string;
  tags: string;
  body: string;
}

// Products, platforms and services a hosting/support help center writes about: the names that make
// thousands of articles differ from each other beyond the few dozen topics of the real content.
const TERMS = [
  "WordPress",
  "WooCommerce",
  "Joomla",
  "Drupal",
  "Magento",
  "OpenCart",
  "PrestaShop",
  "Shopify",
  "Bitrix",
  "MODX",
  "Tilda",
  "Ghost",
  "Laravel",
  "Symfony",
  "Django",
  "Rails",
  "Next.js",
  "Nuxt",
  "Gatsby",
  "Hugo",
  "nginx",
  "Apache",
  "LiteSpeed",
  "PHP 8.3",
  "PHP 7.4",
  "MySQL",
  "MariaDB",
  "PostgreSQL",
  "Redis",
  "Memcached",
  "Elasticsearch",
  "Cloudflare",
  "Let's Encrypt",
  "cPanel",
  "Plesk",
  "ISPmanager",
  "SFTP",
  "SSH",
  "Git",
  "Composer",
  "Yoast",
  "Elementor",
  "Gutenberg",
  "Jetpack",
  "Akismet",
  "Wordfence",
  "UpdraftPlus",
  "WPML",
  "Polylang",
  "Contact Form 7",
  "Google Analytics",
  "Yandex Metrica",
  "Stripe",
  "PayPal",
  "YooKassa",
  "Mailchimp",
  "SendGrid",
  "Postfix",
  "SPF",
  "DKIM",
  "DMARC",
  "DNS",
  "CDN",
  "SSL",
  "HTTP/2",
  "WebP",
  "cron",
  "robots.txt",
  "sitemap",
  "reCAPTCHA",
];

const QUALIFIERS = {
  en: ["for {t} sites", "on {t}", "with {t}", "after a {t} update", "when you use {t}", "and {t}", "in {t}: common cases", "({t})"],
  ru: ["для сайтов на {t}", "на {t}", "с {t}", "после обновления {t}", "если вы используете {t}", "и {t}", "в {t}: частые случаи", "({t})"],
} as const;

const EXTRA_SENTENCES = {
  en: [
    "This applies to sites that use {t} as well.",
    "If your site runs on {t}, the steps are the same, but the menu names may differ.",
    "We have seen this most often on sites with {t}.",
    "Tell us in the ticket whether you use {t} and which version.",
    "For {t}, attach a screenshot of the settings page to the ticket.",
  ],
  ru: [
    "Это относится и к сайтам на {t}.",
    "Если ваш сайт работает на {t}, шаги те же, но пункты меню могут называться иначе.",
    "Чаще всего мы видим это на сайтах с {t}.",
    "Укажите в обращении, используете ли вы {t} и какой версии.",
    "Для {t} приложите к обращению снимок экрана страницы настроек.",
  ],
} as const;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The blocks of a Markdown body: paragraphs, lists and headings, as separated by blank lines. */
function blocks(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
}

export interface GeneratedArticle {
  kind: "article";
  slug: string;
  locale: "en" | "ru";
  translationKey: string;
  category: string;
  title: string;
  summary: string;
  tags: string[];
  body: string;
}

/**
 * `count` articles, half English and half Russian. Each starts from a real article or FAQ entry of its
 * language (its category, title, summary, tags and text), names a product or platform, and mixes in
 * paragraphs of two or three other real entries, up to 250-600 words. Unique slugs.
 */
export function generateArticles(sources: SourceArticle[], count: number, seed = 42): GeneratedArticle[] {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const byLocale = {
    en: sources.filter((s) => s.locale === "en").map((s) => ({ ...s, blocks: blocks(s.body) })),
    ru: sources.filter((s) => s.locale === "ru").map((s) => ({ ...s, blocks: blocks(s.body) })),
  };
  if (byLocale.en.length === 0 || byLocale.ru.length === 0)
    throw new Error("No help-center content in the database to generate articles from.");
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const locale = i % 2 === 0 ? "en" : "ru";
    const src = pick(byLocale[locale]);
    const term = pick(TERMS);
    const target = 250 + Math.floor(rnd() * 350);
    const parts: string[] = [pick(EXTRA_SENTENCES[locale]).replace("{t}", term)];
    let n = words(parts[0]!);
    // The source's own text first, then paragraphs of other entries of the same language.
    const pool = [src.blocks, pick(byLocale[locale]).blocks, pick(byLocale[locale]).blocks, pick(byLocale[locale]).blocks];
    for (const list of pool) {
      for (const b of list) {
        if (n >= target) break;
        if (b.startsWith("#") && parts.length > 0 && parts[parts.length - 1]!.startsWith("#")) continue;
        parts.push(b);
        n += words(b);
      }
    }
    if (parts[parts.length - 1]!.startsWith("#")) parts.pop();
    const tags = [...(JSON.parse(src.tags) as string[]), term.toLowerCase()].slice(0, 12);
    out.push({
      kind: "article",
      slug: `${src.slug}-${i + 1}`.slice(0, 160),
      locale,
      // An English article and the next Russian one are translations of each other.
      translationKey: `bench-${Math.floor(i / 2) + 1}`,
      category: src.category,
      title: `${src.title} ${pick(QUALIFIERS[locale]).replace("{t}", term)}`.slice(0, 200),
      summary: src.summary.slice(0, 300),
      tags,
      body: `${parts.join("\n\n")}\n`,
    });
  }
  return out;
}

/** Inserts the articles as published rows of kb_articles, in one transaction (the app must be stopped). */
export function insertArticles(db: SQLite.Database, articles: GeneratedArticle[], now = Date.now()): void {
  const insert = db.prepare(`insert into kb_articles (kind, slug, locale, translation_key, category, title, summary, tags, body,
      status, position, source_path, source_hash, revision, created_at, updated_at, published_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, null, null, 1, ?, ?, ?)`);
  db.transaction(() => {
    articles.forEach((a, i) => {
      const t = now - (articles.length - i) * 60_000;
      insert.run(
        a.kind,
        a.slug,
        a.locale,
        a.translationKey,
        a.category,
        a.title,
        a.summary,
        JSON.stringify(a.tags),
        a.body,
        1000 + i,
        t,
        t,
        t,
      );
    });
  })();
}

/**
 * What readers type: short and multiword queries, typos, Russian word forms other than the ones in the
 * text, and a few with stop words. Each is sent with and without `log=0` (see help.mts).
 */
export const QUERIES: { q: string; locale: "en" | "ru" }[] = [
  { q: "reset password", locale: "en" },
  { q: "pasword", locale: "en" },
  { q: "site is down", locale: "en" },
  { q: "how do I restore a deleted page", locale: "en" },
  { q: "backup", locale: "en" },
  { q: "bakup encrypted", locale: "en" },
  { q: "two factor authentication", locale: "en" },
  { q: "lost my phone 2fa", locale: "en" },
  { q: "response time sla", locale: "en" },
  { q: "incdent report", locale: "en" },
  { q: "maintenance window", locale: "en" },
  { q: "urgent priority", locale: "en" },
  { q: "wordpress update broke my site", locale: "en" },
  { q: "slow website", locale: "en" },
  { q: "status page subscribe email", locale: "en" },
  { q: "escalation", locale: "en" },
  { q: "uptime calculated", locale: "en" },
  { q: "woocommerce checkout 502", locale: "en" },
  { q: "сброс пароля", locale: "ru" },
  { q: "пороль", locale: "ru" },
  { q: "сайт не работает", locale: "ru" },
  { q: "восстановить удалённую страницу", locale: "ru" },
  { q: "резервных копий", locale: "ru" },
  { q: "резервная копия зашифрована", locale: "ru" },
  { q: "двухфакторная аутентификация", locale: "ru" },
  { q: "потерял телефон", locale: "ru" },
  { q: "сроки ответа", locale: "ru" },
  { q: "инцидентом", locale: "ru" },
  { q: "окна обслуживания", locale: "ru" },
  { q: "срочный приоритет", locale: "ru" },
  { q: "взломали сайт", locale: "ru" },
  { q: "обращений", locale: "ru" },
  { q: "медленно работает сайт", locale: "ru" },
  { q: "подписаться на статус", locale: "ru" },
  { q: "эскалация", locale: "ru" },
  { q: "обновление плагинов wordpress", locale: "ru" },
];

/**
 * Queries that never repeat, for measuring search without the engine's answer cache: each combines two or
 * three words of the generated articles of its language (letters only, at least 4 of them, lower case),
 * drawn in proportion to how often they occur in the text, as readers type common words more often than
 * rare ones. English and Russian alternate. Seeded; every query in the list is distinct.
 */
export function distinctQueries(articles: GeneratedArticle[], count: number, seed = 7): { q: string; locale: "en" | "ru" }[] {
  const rnd = prng(seed);
  const tokens = { en: [] as string[], ru: [] as string[] };
  for (const a of articles) {
    for (const w of `${a.title} ${a.body}`.toLowerCase().split(/[^\p{L}]+/u)) if (w.length >= 4) tokens[a.locale].push(w);
  }
  const out: { q: string; locale: "en" | "ru" }[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const locale = out.length % 2 === 0 ? "en" : "ru";
    const pool = tokens[locale];
    const n = 2 + Math.floor(rnd() * 2);
    const picked: string[] = [];
    while (picked.length < n) {
      const w = pool[Math.floor(rnd() * pool.length)]!;
      if (!picked.includes(w)) picked.push(w);
    }
    const q = picked.join(" ");
    if (seen.has(`${locale}:${q}`)) continue;
    seen.add(`${locale}:${q}`);
    out.push({ q, locale });
  }
  return out;
}

/** How many distinct words (at least 4 letters) each language's generated text has: the size of the pool above. */
export function distinctWordCount(articles: GeneratedArticle[]): { en: number; ru: number } {
  const sets = { en: new Set<string>(), ru: new Set<string>() };
  for (const a of articles) {
    for (const w of `${a.title} ${a.body}`.toLowerCase().split(/[^\p{L}]+/u)) if (w.length >= 4) sets[a.locale].add(w);
  }
  return { en: sets.en.size, ru: sets.ru.size };
}
