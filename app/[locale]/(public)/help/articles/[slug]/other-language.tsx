import Link from "next/link";
import { categoryName } from "@/lib/kb/categories";
import { translator, type Locale } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import { Breadcrumbs } from "@/components/breadcrumbs";

interface Props {
  locale: Locale;
  article: { slug: string; locale: Locale; title: string; category: string };
  /** Articles in the reader's language on the same topic (the same category). */
  sameTopic: { slug: string; title: string }[];
}

/**
 * An address in one language for an article written only in the other: the page says so in the reader's
 * language and offers what exists in it, instead of silently showing text in a language they did not ask for.
 */
export function OtherLanguageNotice({ locale, article, sameTopic }: Props) {
  const t = translator(locale);
  const original = localePath(article.locale, `/help/articles/${article.slug}`);
  return (
    <div className="max-w-3xl">
      <Breadcrumbs
        label={t("help.breadcrumb")}
        items={[
          { href: localePath(locale, "/help"), label: t("help.title") },
          { href: localePath(locale, `/help/${article.category}`), label: categoryName(article.category, locale) },
          { label: t("firstHour.otherLanguage.crumb") },
        ]}
      />
      <h1 className="text-3xl font-bold tracking-tight">{t(`firstHour.otherLanguage.title.${article.locale}`)}</h1>
      <p className="mt-3 text-slate-700">{t(`firstHour.otherLanguage.lead.${article.locale}`)}</p>
      <p className="mt-4">
        <Link href={original} hrefLang={article.locale} className="font-semibold text-blue-800 underline">
          <span lang={article.locale}>{article.title}</span>
        </Link>{" "}
        <span className="text-sm text-slate-600">({t(`locale.${article.locale}`)})</span>
      </p>
      {sameTopic.length > 0 && (
        <section aria-labelledby="same-topic" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="same-topic" className="font-semibold">
            {t("firstHour.otherLanguage.sameTopic", { category: categoryName(article.category, locale) })}
          </h2>
          <ul className="mt-2 space-y-2">
            {sameTopic.map((a) => (
              <li key={a.slug}>
                <Link href={localePath(locale, `/help/articles/${a.slug}`)} className="text-blue-800 underline">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
