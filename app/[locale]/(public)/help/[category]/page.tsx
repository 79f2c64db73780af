import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCategory } from "@/lib/kb/categories";
import { publicApi } from "@/server/trpc/public-caller";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { Breadcrumbs } from "@/components/breadcrumbs";

export const revalidate = 300;
export function generateStaticParams(): { category: string }[] {
  return [];
}

type Props = { params: Promise<{ locale: string; category: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await publicLocale(params);
  const c = getCategory((await params).category);
  if (!c) return {};
  return {
    title: c.name[locale],
    description: c.blurb[locale],
    alternates: alternatesFor(locale, { en: `/help/${c.slug}`, ru: `/ru/help/${c.slug}` }),
  };
}

export default async function CategoryPage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const c = getCategory((await params).category);
  if (!c) notFound();
  const entries = await publicApi().kb.published({ locale, category: c.slug });
  const articles = entries.filter((e) => e.kind === "article");
  const faq = entries.filter((e) => e.kind === "faq");
  return (
    <div className="max-w-3xl">
      <Breadcrumbs
        label={t("help.breadcrumb")}
        items={[{ href: localePath(locale, "/help"), label: t("help.title") }, { label: c.name[locale] }]}
      />
      <h1 className="text-3xl font-bold tracking-tight">{c.name[locale]}</h1>
      <p className="mt-2 text-slate-700">{c.blurb[locale]}</p>
      <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {articles.map((a) => (
          <li key={a.id} className="p-4">
            <Link href={localePath(locale, `/help/articles/${a.slug}`)} className="text-lg font-semibold text-blue-800 hover:underline">
              {a.title}
            </Link>
            {a.summary && <p className="mt-1 text-slate-700">{a.summary}</p>}
          </li>
        ))}
      </ul>
      {faq.length > 0 && (
        <section className="mt-8">
          <h2 className="text-xl font-semibold">{t("help.faqInCategory")}</h2>
          <ul className="mt-3 list-disc space-y-1 pl-6">
            {faq.map((f) => (
              <li key={f.id}>
                <Link href={`${localePath(locale, "/faq")}#${f.slug}`} className="text-blue-800 hover:underline">
                  {f.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
