import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverApi } from "@/server/trpc/server";
import { categoryName } from "@/lib/kb/categories";
import { ARTICLE_STATUSES } from "@/server/kb/schemas";
import { getT } from "@/lib/i18n/server";
import { LOCALES, formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { titled } from "@/lib/i18n/metadata";
import { Badge, Empty, PageHeader, Pager, Table, buttonClass, secondaryButtonClass } from "@/components/ui";

export const generateMetadata = titled("kb.title");

const ZParams = z.object({
  status: z.enum(ARTICLE_STATUSES).optional().catch(undefined),
  locale: z.enum(LOCALES).optional().catch(undefined),
  kind: z.enum(["article", "faq"]).optional().catch(undefined),
  cursor: ZIdParam,
});
const STATUS_BADGE = { draft: "new", published: "solved", archived: "closed" } as const;

export default async function KbListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor("article.edit");
  const { t, locale } = await getT();
  const p = ZParams.parse(await searchParams);
  const page = await (await serverApi()).kb.list({ ...p, limit: 50 });
  const href = (over: Partial<typeof p>) => {
    const m = { ...p, cursor: undefined, ...over };
    const qs = new URLSearchParams(
      Object.entries(m)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    return `/kb${qs.size ? `?${qs}` : ""}`;
  };
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 ${active ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`;
  return (
    <>
      <PageHeader
        title={t("kb.title")}
        lead={t("kb.lead")}
        actions={
          <div className="flex gap-2">
            {can(actor, "kb.analytics") && (
              <Link href="/kb/analytics" className={secondaryButtonClass}>
                {t("nav.kbAnalytics")}
              </Link>
            )}
            {can(actor, "article.publish") && (
              <Link href="/kb/synonyms" className={secondaryButtonClass}>
                {t("kb.synonyms.link")}
              </Link>
            )}
            <Link href="/kb/new" className={buttonClass}>
              {t("kb.new")}
            </Link>
          </div>
        }
      />
      <nav aria-label={t("common.filter")} className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={href({ status: undefined })} className={chip(!p.status)}>
          {t("kb.allStatuses")}
        </Link>
        {ARTICLE_STATUSES.map((s) => (
          <Link key={s} href={href({ status: s })} className={chip(p.status === s)}>
            {t(`kb.status.${s}`)}
          </Link>
        ))}
        <span className="mx-1 border-l border-slate-300" aria-hidden="true" />
        <Link href={href({ locale: undefined })} className={chip(!p.locale)}>
          {t("kb.allLocales")}
        </Link>
        {LOCALES.map((l) => (
          <Link key={l} href={href({ locale: l })} className={chip(p.locale === l)}>
            {t(`locale.${l}`)}
          </Link>
        ))}
        <span className="mx-1 border-l border-slate-300" aria-hidden="true" />
        {(["article", "faq"] as const).map((k) => (
          <Link key={k} href={href({ kind: p.kind === k ? undefined : k })} className={chip(p.kind === k)}>
            {t(`kb.kind.${k}`)}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <Empty>{t("kb.empty")}</Empty>
      ) : (
        <Table
          caption={t("kb.title")}
          head={[t("kb.field.title"), t("kb.field.category"), t("kb.field.locale"), t("tickets.col.status"), t("tickets.col.updated")]}
        >
          {page.items.map((a) => (
            <tr key={a.id} data-testid="kb-row">
              <td className="px-4 py-2">
                <Link href={`/kb/${a.id}`} className="font-medium text-blue-800 hover:underline">
                  {a.title}
                </Link>
                <span className="block text-xs text-slate-600">
                  {t(`kb.kind.${a.kind}`)} · {a.slug}
                </span>
              </td>
              <td className="px-4 py-2 text-slate-800">{categoryName(a.category, locale)}</td>
              <td className="px-4 py-2 uppercase text-slate-800">{a.locale}</td>
              <td className="px-4 py-2">
                <Badge kind={STATUS_BADGE[a.status]}>{t(`kb.status.${a.status}`)}</Badge>
              </td>
              <td className="whitespace-nowrap px-4 py-2 text-slate-700">{formatDateTime(locale, a.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        firstHref={p.cursor ? href({}) : undefined}
        nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : undefined}
        labels={{ first: t("common.first"), next: t("common.next") }}
      />
    </>
  );
}
