import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { INBOX_VIEWS, TICKET_PRIORITIES } from "@/lib/tickets";
import { getT } from "@/lib/i18n/server";
import { ZIdParam } from "@/lib/search-params";
import { Empty, PageHeader, Pager, inputClass, secondaryButtonClass } from "@/components/ui";
import { TicketList } from "@/components/ticket-list";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("inbox.title");

const ZInboxParams = z.object({
  view: z.enum(INBOX_VIEWS).catch("open"),
  priority: z.enum(TICKET_PRIORITIES).optional().catch(undefined),
  cursor: ZIdParam,
});

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("inbox.view");
  const { t, locale } = await getT();
  const params = ZInboxParams.parse(await searchParams);
  const api = await serverApi();
  const [page, counts] = await Promise.all([
    api.inbox.list({ view: params.view, priority: params.priority, cursor: params.cursor }),
    api.inbox.counts(),
  ]);
  const href = (p: Partial<typeof params>) => {
    const q = new URLSearchParams();
    const merged = { view: params.view, priority: params.priority, ...p };
    if (merged.view !== "open") q.set("view", merged.view);
    if (merged.priority) q.set("priority", merged.priority);
    if (p.cursor) q.set("cursor", String(p.cursor));
    const s = q.toString();
    return `/inbox${s ? `?${s}` : ""}`;
  };

  return (
    <div className="grid gap-6 md:grid-cols-[13rem_1fr]">
      <nav aria-label={t("inbox.views")} className="space-y-1">
        {INBOX_VIEWS.map((v) => {
          const count = v in counts ? counts[v as keyof typeof counts] : undefined;
          const active = v === params.view;
          return (
            <Link
              key={v}
              href={href({ view: v, cursor: undefined })}
              aria-current={active ? "page" : undefined}
              className={`flex items-center justify-between rounded-md px-3 py-2 text-sm ${active ? "bg-blue-700 font-semibold text-white" : "text-slate-800 hover:bg-slate-100"}`}
            >
              <span>{t(`inbox.view.${v}`)}</span>
              {count !== undefined && <span className={active ? "text-white" : "text-slate-600"}>{count}</span>}
            </Link>
          );
        })}
      </nav>
      <div>
        <PageHeader
          title={t(`inbox.view.${params.view}`)}
          actions={
            <form method="get" className="flex items-end gap-2">
              {params.view !== "open" && <input type="hidden" name="view" value={params.view} />}
              <label className="text-sm">
                <span className="sr-only">{t("tickets.col.priority")}</span>
                <select name="priority" defaultValue={params.priority ?? ""} className={inputClass}>
                  <option value="">{t("inbox.anyPriority")}</option>
                  {TICKET_PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`priority.${p}`)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className={secondaryButtonClass}>
                {t("common.filter")}
              </button>
            </form>
          }
        />
        {page.items.length === 0 ? (
          <Empty>{t("inbox.empty")}</Empty>
        ) : (
          <TicketList items={page.items} hrefBase="/inbox" showPeople t={t} locale={locale} caption={t(`inbox.view.${params.view}`)} />
        )}
        <Pager
          firstHref={params.cursor ? href({ cursor: undefined }) : undefined}
          nextHref={page.nextCursor ? href({ cursor: page.nextCursor }) : undefined}
          labels={{ first: t("common.first"), next: t("common.next") }}
        />
      </div>
    </div>
  );
}
