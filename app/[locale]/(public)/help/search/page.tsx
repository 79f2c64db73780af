import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { CATEGORIES, CATEGORY_SLUGS, categoryName } from "@/lib/kb/categories";
import { serverApi } from "@/server/trpc/server";
import { localePath } from "@/lib/i18n/paths";
import { publicLocale } from "@/lib/public-page";
import { HelpSearchForm } from "@/components/help-search-form";
import { Pager, secondaryButtonClass } from "@/components/ui";
import { zText } from "@/lib/text-field";
import { otherLocaleFor } from "@/lib/kb/other-locale";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | undefined>> };

const PAGE = 10;
const ZParams = z.object({
  // A query the API would refuse (too long, control characters) reads as no query.
  q: zText().trim().max(200).catch(""),
  category: z.enum(CATEGORY_SLUGS).optional().catch(undefined),
  kind: z.enum(["article", "faq"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await publicLocale(params);
  return { title: t("search.title"), robots: { index: false } };
}

/** The full results page, with filters by topic and kind. Rendered per request; every search is logged. */
export default async function SearchPage({ params, searchParams }: Props) {
  const { locale, t } = await publicLocale(params);
  const p = ZParams.parse({ q: "", page: 1, ...(await searchParams) });
  const result = p.q
    ? await (
        await serverApi()
      ).kb
        .search({ q: p.q, locale, category: p.category, kind: p.kind, limit: PAGE, offset: (p.page - 1) * PAGE })
        .catch((err: unknown) => {
          if (err instanceof TRPCError && err.code === "TOO_MANY_REQUESTS") return "rate-limited" as const;
          throw err;
        })
    : null;
  const base = localePath(locale, "/help/search");
  const other = result && result !== "rate-limited" ? otherLocaleFor(p.q, locale, result.total) : null;
  const href = (over: Partial<typeof p>) => {
    const m = { ...p, ...over };
    const qs = new URLSearchParams({ q: m.q });
    if (m.category) qs.set("category", m.category);
    if (m.kind) qs.set("kind", m.kind);
    if (m.page > 1) qs.set("page", String(m.page));
    return `${base}?${qs}`;
  };
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">{t("search.title")}</h1>
      <div className="rounded-xl bg-slate-900 px-4 pb-4 pt-1">
        <HelpSearchForm
          locale={locale}
          label={t("search.label")}
          placeholder={t("search.placeholder")}
          submit={t("search.submit")}
          defaultValue={p.q}
        />
      </div>
      {p.q && (
        <nav aria-label={t("common.filter")} className="mt-4 flex flex-wrap gap-2 text-sm">
          <Link
            href={href({ category: undefined, page: 1 })}
            aria-current={!p.category ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${!p.category ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`}
          >
            {t("search.allCategories")}
          </Link>
          {CATEGORIES.map((c) => (
            <Link
              key={c.slug}
              href={href({ category: c.slug, page: 1 })}
              aria-current={p.category === c.slug ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${p.category === c.slug ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`}
            >
              {c.name[locale]}
            </Link>
          ))}
          <span className="mx-2 border-l border-slate-300" aria-hidden="true" />
          {([undefined, "article", "faq"] as const).map((k) => (
            <Link
              key={k ?? "all"}
              href={href({ kind: k, page: 1 })}
              aria-current={p.kind === k ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${p.kind === k ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`}
            >
              {k ? t(`search.kind.${k}`) : t("search.allKinds")}
            </Link>
          ))}
        </nav>
      )}
      {!result && <p className="mt-6 text-slate-700">{t("search.empty")}</p>}
      {result === "rate-limited" && (
        <p className="mt-6 text-slate-700" role="status">
          {t("err.rateLimited")}
        </p>
      )}
      {result && result !== "rate-limited" && (
        <>
          <p className="mt-6 text-slate-700" role="status">
            {result.total > 0 ? t("search.results", { n: result.total, q: p.q }) : t("search.noResults", { q: p.q })}
          </p>
          {other && (
            <p
              className="mt-2 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-slate-800"
              data-testid="other-locale"
              lang={other}
            >
              {t(locale === "en" ? "search.otherLocale" : "search.otherLocale.ru", { q: p.q })}{" "}
              <Link
                href={`${localePath(other, "/help/search")}?${new URLSearchParams({ q: p.q })}`}
                hrefLang={other}
                className="font-semibold text-blue-800 underline"
              >
                {t(locale === "en" ? "search.otherLocale.link" : "search.otherLocale.link.ru")}
              </Link>
            </p>
          )}
          <ol className="mt-4 space-y-4">
            {result.hits.map((h) => (
              <li key={h.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="search-hit">
                <Link
                  href={h.url}
                  className="text-lg font-semibold text-blue-800 hover:underline [&_mark]:bg-amber-200"
                  dangerouslySetInnerHTML={{ __html: h.titleHtml }}
                />
                <p className="mt-1 text-sm text-slate-600">
                  {categoryName(h.category, locale)} · {t(`search.kind.${h.kind}`)}
                </p>
                {h.answerHtml ? (
                  <figure className="mt-3 rounded-md border-l-4 border-emerald-600 bg-emerald-50 px-3 py-2" data-testid="search-answer">
                    <figcaption className="text-xs font-semibold uppercase tracking-wide text-emerald-900">
                      {t("search.answer.label")}
                    </figcaption>
                    <p className="mt-1 text-slate-900 [&_mark]:bg-amber-200" dangerouslySetInnerHTML={{ __html: h.answerHtml }} />
                  </figure>
                ) : (
                  <p className="mt-2 text-slate-800 [&_mark]:bg-amber-100" dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                )}
              </li>
            ))}
          </ol>
          <Pager
            firstHref={p.page > 1 ? href({ page: p.page - 1 }) : undefined}
            nextHref={p.page * PAGE < result.total ? href({ page: p.page + 1 }) : undefined}
            labels={{ first: t("search.prev"), next: t("search.next") }}
          />
          {result.total === 0 && (
            <Link href="/tickets/new" className={`${secondaryButtonClass} mt-4`}>
              {t("help.fileTicket")}
            </Link>
          )}
        </>
      )}
    </div>
  );
}
