import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { categoryName, type CategorySlug } from "@/lib/kb/categories";
import { renderMarkdown } from "@/server/kb/markdown";
import { publicApi } from "@/server/trpc/public-caller";
import { formatDate, translate } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { Alternates } from "@/components/public-header";
import { ArticleFeedback } from "@/components/article-feedback";
import { articleSlugResolver } from "@/server/kb/content-links";
import { OtherLanguageNotice } from "./other-language";

export const revalidate = 300;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

// A slug that cannot exist is not looked up (and never reaches the API's validation as an error).
const load = cache(async (slug: string) => (/^[a-z0-9-]{1,160}$/.test(slug) ? publicApi().kb.article({ slug }) : null));
const urlOf = (a: { slug: string; locale: "en" | "ru" }) => localePath(a.locale, `/help/articles/${a.slug}`);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  const a = await load((await params).slug);
  if (!a) return {};
  // The notice that the article is in the other language: its own title, and not a page to index.
  if (a.locale !== locale && !a.translation) {
    return { title: `${t(`firstHour.otherLanguage.title.${a.locale}`)}: ${a.title}`, robots: { index: false, follow: true } };
  }
  const paths = { [a.locale]: urlOf(a), ...(a.translation ? { [a.translation.locale]: urlOf(a.translation) } : {}) };
  return { title: a.title, description: a.summary, alternates: alternatesFor(locale, paths) };
}

export default async function ArticlePage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const a = await load((await params).slug);
  if (!a || a.kind !== "article") notFound();
  if (a.locale !== locale) {
    // Slugs are unique across languages: the address of an article in the reader's language, written with the
    // other language's slug, leads to its translation; one written only in the other language says so.
    if (a.translation?.locale === locale) permanentRedirect(urlOf(a.translation));
    const sameTopic = await publicApi().kb.published({ locale, category: a.category as CategorySlug, kind: "article" });
    return <OtherLanguageNotice locale={locale} article={a} sameTopic={sameTopic.slice(0, 6)} />;
  }
  const entries = (await publicApi().kb.sitemap()).filter((e) => e.kind === "article");
  const { html, toc } = renderMarkdown(a.body, {
    linkPrefix: locale === "ru" ? "/ru" : undefined,
    articleSlug: articleSlugResolver(entries, locale),
  });

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_16rem]">
      <Alternates
        en={a.locale === "en" ? urlOf(a) : a.translation ? urlOf(a.translation) : undefined}
        ru={a.locale === "ru" ? urlOf(a) : a.translation ? urlOf(a.translation) : undefined}
      />
      <article className="min-w-0">
        <Breadcrumbs
          label={t("help.breadcrumb")}
          items={[
            { href: localePath(locale, "/help"), label: t("help.title") },
            { href: localePath(locale, `/help/${a.category}`), label: categoryName(a.category, locale) },
            { label: a.title },
          ]}
        />
        <h1 className="text-3xl font-bold tracking-tight">{a.title}</h1>
        <p className="mt-2 flex flex-wrap gap-x-4 text-sm text-slate-600">
          <span>{t("help.updated", { date: formatDate(locale, a.updatedAt) })}</span>
          {a.translation && (
            <Link
              href={urlOf(a.translation)}
              hrefLang={a.translation.locale}
              lang={a.translation.locale}
              className="text-blue-800 underline"
            >
              {translate(a.translation.locale, "help.translation")}
            </Link>
          )}
        </p>
        <div className="prose-mayak mt-6" dangerouslySetInnerHTML={{ __html: html }} />
        <ArticleFeedback articleId={a.id} />
      </article>
      <aside className="space-y-6 lg:sticky lg:top-4 lg:self-start">
        {toc.length > 1 && (
          <nav aria-labelledby="toc-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="toc-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-700">
              {t("help.toc")}
            </h2>
            <ol className="mt-2 space-y-1 text-sm">
              {toc.map((h) => (
                <li key={h.id} className={h.level === 3 ? "pl-3" : ""}>
                  <a href={`#${h.id}`} className="text-blue-800 hover:underline">
                    {h.text}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        {a.related.length > 0 && (
          <nav aria-labelledby="related-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="related-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-700">
              {t("help.related")}
            </h2>
            <ul className="mt-2 space-y-2 text-sm">
              {a.related.map((r) => (
                <li key={r.id}>
                  <Link href={localePath(locale, `/help/articles/${r.slug}`)} className="text-blue-800 hover:underline">
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </aside>
    </div>
  );
}
