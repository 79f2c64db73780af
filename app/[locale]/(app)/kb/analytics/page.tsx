import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import { titled } from "@/lib/i18n/metadata";
import { Card, Empty, PageHeader, Table, secondaryButtonClass } from "@/components/ui";
import { can } from "@/server/auth/permissions";

export const generateMetadata = titled("kb.analytics.title");

const DAYS = 30;

/** For leads: which articles help, what people search for and do not find, and what deflects tickets. */
export default async function KbAnalyticsPage() {
  const actor = await requireActor("kb.analytics");
  const { t, locale } = await getT();
  const api = await serverApi();
  const [a, gaps] = await Promise.all([api.kb.analytics({ days: DAYS }), api.kb.contentGaps({ days: DAYS })]);
  const editSynonyms = can(actor, "article.publish");
  const rate = a.deflection.opened ? `${Math.round((a.deflection.deflected / a.deflection.opened) * 100)}%` : "—";
  const queryTable = (
    title: string,
    rows: { query: string; locale: string; count: number; avgResults?: number }[],
    withResults = false,
  ) => (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("kb.analytics.none")}</p>
      ) : (
        <Table
          caption={title}
          head={[
            t("kb.analytics.query"),
            t("kb.field.locale"),
            t("kb.analytics.count"),
            ...(withResults ? [t("kb.analytics.results")] : []),
          ]}
        >
          {rows.map((r) => (
            <tr key={`${r.locale}:${r.query}`}>
              <td className="px-4 py-2">
                <Link
                  href={`${localePath(r.locale as "en" | "ru", "/help/search")}?q=${encodeURIComponent(r.query)}`}
                  className="text-blue-800 hover:underline"
                >
                  {r.query}
                </Link>
              </td>
              <td className="px-4 py-2 uppercase">{r.locale}</td>
              <td className="px-4 py-2">{r.count}</td>
              {withResults && <td className="px-4 py-2">{r.avgResults}</td>}
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
  return (
    <>
      <PageHeader
        title={t("kb.analytics.title")}
        lead={t("kb.analytics.lead", { days: DAYS })}
        actions={
          editSynonyms ? (
            <Link href="/kb/synonyms" className={secondaryButtonClass}>
              {t("kb.synonyms.link")}
            </Link>
          ) : undefined
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="text-lg font-semibold">{t("kb.analytics.deflection")}</h2>
          <p className="mt-1 text-slate-800" data-testid="deflection">
            {t("kb.analytics.deflection.body", { opened: a.deflection.opened, deflected: a.deflection.deflected, rate })}
          </p>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("kb.analytics.helpfulness")}</h2>
          {a.articles.length === 0 ? (
            <Empty>{t("kb.analytics.none")}</Empty>
          ) : (
            <Table
              caption={t("kb.analytics.helpfulness")}
              head={[t("kb.field.title"), t("kb.analytics.helpful"), t("kb.analytics.notHelpful"), t("kb.analytics.reasons")]}
            >
              {a.articles.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2">
                    <Link href={`/kb/${r.id}`} className="text-blue-800 hover:underline">
                      {r.title}
                    </Link>
                    <span className="ml-2 text-xs uppercase text-slate-600">{r.locale}</span>
                  </td>
                  <td className="px-4 py-2">{r.helpful}</td>
                  <td className="px-4 py-2">{r.notHelpful}</td>
                  <td className="px-4 py-2 text-sm text-slate-700">
                    {Object.entries(r.reasons)
                      .map(([k, n]) => `${t(`feedback.reason.${k}`)}: ${n}`)
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">{t("kb.gaps.title")}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("kb.gaps.lead")}</p>
          {gaps.length === 0 ? (
            <p className="text-slate-700">{t("kb.analytics.none")}</p>
          ) : (
            <Table
              caption={t("kb.gaps.title")}
              head={[t("kb.gaps.group"), t("kb.field.locale"), t("kb.analytics.count"), t("kb.gaps.suggestion")]}
            >
              {gaps.map((g) => (
                <tr key={`${g.locale}:${g.queries[0]!.query}`} data-testid="content-gap">
                  <td className="px-4 py-2">{g.queries.map((q) => `${q.query} (${q.count})`).join(", ")}</td>
                  <td className="px-4 py-2 uppercase">{g.locale}</td>
                  <td className="px-4 py-2">{g.count}</td>
                  <td className="px-4 py-2 text-sm">
                    {g.suggestion.kind === "synonym" ? (
                      <>
                        {editSynonyms ? (
                          <Link href={`/kb/synonyms?lang=${g.locale}`} className="text-blue-800 hover:underline">
                            {t("kb.gaps.addSynonym", { word: g.suggestion.word, to: g.suggestion.to })}
                          </Link>
                        ) : (
                          t("kb.gaps.addSynonym", { word: g.suggestion.word, to: g.suggestion.to })
                        )}
                        <br />
                        <Link href={g.suggestion.article.url} className="text-slate-700 hover:underline">
                          {t("kb.gaps.article", { title: g.suggestion.article.title })}
                        </Link>
                      </>
                    ) : g.suggestion.kind === "article" ? (
                      <Link href={g.suggestion.url} className="text-blue-800 hover:underline">
                        {t("kb.gaps.article", { title: g.suggestion.title })}
                      </Link>
                    ) : g.suggestion.kind === "language" ? (
                      t("kb.gaps.language")
                    ) : (
                      t("kb.gaps.write")
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <div className="grid gap-6 xl:grid-cols-3">
          {queryTable(t("kb.analytics.topQueries"), a.topQueries, true)}
          {queryTable(t("kb.analytics.noResults"), a.noResults)}
          {queryTable(t("kb.analytics.ticketAfter"), a.ticketAfter)}
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("kb.analytics.comments")}</h2>
          {a.recentComments.length === 0 ? (
            <p className="text-slate-700">{t("kb.analytics.none")}</p>
          ) : (
            <ul className="space-y-3">
              {a.recentComments.map((c, i) => (
                <li key={i} className="border-b border-slate-100 pb-2">
                  <p className="text-sm text-slate-600">
                    {c.title} · {c.reason ? t(`feedback.reason.${c.reason}`) : ""} · {formatDateTime(locale, c.createdAt)}
                  </p>
                  <p className="whitespace-pre-wrap text-slate-900">{c.comment}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
