import type { Metadata } from "next";
import Link from "next/link";
import { CATEGORIES } from "@/lib/kb/categories";
import { publicApi } from "@/server/trpc/public-caller";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { Card } from "@/components/ui";
import { HelpSearchForm } from "@/components/help-search-form";

export const revalidate = 300;

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  return { title: t("help.title"), description: t("help.lead"), alternates: alternatesFor(locale, { en: "/help", ru: "/ru/help" }) };
}

export default async function HelpHome({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const articles = await publicApi().kb.published({ locale, kind: "article" });
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-gradient-to-br from-slate-900 to-blue-900 px-6 py-10 text-white sm:px-10">
        <h1 className="text-3xl font-bold tracking-tight">{t("help.title")}</h1>
        <p className="mt-2 max-w-2xl text-blue-100">{t("help.lead")}</p>
        <HelpSearchForm locale={locale} label={t("search.label")} placeholder={t("search.placeholder")} submit={t("search.submit")} />
      </section>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {CATEGORIES.map((c) => {
          const inCat = articles.filter((a) => a.category === c.slug);
          return (
            <Card key={c.slug}>
              <h2 className="text-lg font-semibold">
                <Link href={localePath(locale, `/help/${c.slug}`)} className="text-slate-900 hover:underline">
                  {c.name[locale]}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-slate-700">{c.blurb[locale]}</p>
              <ul className="mt-3 space-y-1 text-sm">
                {inCat.slice(0, 4).map((a) => (
                  <li key={a.id}>
                    <Link href={localePath(locale, `/help/articles/${a.slug}`)} className="text-blue-800 hover:underline">
                      {a.title}
                    </Link>
                  </li>
                ))}
              </ul>
              <Link
                href={localePath(locale, `/help/${c.slug}`)}
                className="mt-3 inline-block text-sm font-semibold text-blue-800 underline"
              >
                {t("help.allInCategory")} ({inCat.length})
              </Link>
            </Card>
          );
        })}
      </div>
      <p className="flex flex-wrap gap-6 text-slate-800">
        <Link href={localePath(locale, "/faq")} className="font-semibold text-blue-800 underline">
          {t("help.faqLink")}
        </Link>
        <span>
          {t("help.stillNeed")}{" "}
          <Link href="/tickets/new" className="font-semibold text-blue-800 underline">
            {t("help.fileTicket")}
          </Link>
        </span>
      </p>
    </div>
  );
}
