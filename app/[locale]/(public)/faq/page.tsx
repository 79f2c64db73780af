import type { Metadata } from "next";
import Link from "next/link";
import { CATEGORIES } from "@/lib/kb/categories";
import { renderMarkdown } from "@/server/kb/markdown";
import { publicApi } from "@/server/trpc/public-caller";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { OpenFromHash } from "@/components/open-from-hash";

export const revalidate = 300;

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  return { title: t("faq.title"), description: t("faq.lead"), alternates: alternatesFor(locale, { en: "/faq", ru: "/ru/faq" }) };
}

/** Every FAQ entry, grouped by topic; each expands in place and has its own #link. */
export default async function FaqPage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const entries = await publicApi().kb.faq({ locale });
  const prefix = locale === "ru" ? "/ru" : undefined;
  return (
    <div className="max-w-3xl">
      <OpenFromHash />
      <h1 className="text-3xl font-bold tracking-tight">{t("faq.title")}</h1>
      <p className="mt-2 text-slate-700">{t("faq.lead")}</p>
      {CATEGORIES.map((c) => {
        const group = entries.filter((e) => e.category === c.slug);
        if (group.length === 0) return null;
        return (
          <section key={c.slug} aria-labelledby={`faq-${c.slug}`} className="mt-8">
            <h2 id={`faq-${c.slug}`} className="text-xl font-semibold">
              <Link href={localePath(locale, `/help/${c.slug}`)} className="hover:underline">
                {c.name[locale]}
              </Link>
            </h2>
            {/* Short class names styled in globals.css: the page carries every answer twice (HTML and RSC). */}
            <div className="faq-list">
              {group.map((f) => (
                <details key={f.id} id={f.slug} className="faq-entry">
                  <summary>
                    <span>{f.title}</span>
                    <span aria-hidden="true">+</span>
                  </summary>
                  <div className="prose-mayak" dangerouslySetInnerHTML={{ __html: renderMarkdown(f.body, { linkPrefix: prefix }).html }} />
                  <a href={`#${f.slug}`}>{t("faq.link")}</a>
                </details>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
