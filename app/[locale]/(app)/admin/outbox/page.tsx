import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { Badge, Empty, PageHeader, Pager } from "@/components/ui";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("admin.outbox.title");

const STATUS_KIND: Record<string, string> = { queued: "new", sent: "solved", kept: "pending", failed: "open" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("outbox.read");
  const { t, locale } = await getT();
  const cursor = ZIdParam.parse((await searchParams).cursor);
  const page = await (await serverApi()).admin.outbox({ cursor, limit: 30 });
  return (
    <>
      <PageHeader title={t("admin.outbox.title")} lead={t("admin.outbox.lead")} />
      {page.items.length === 0 && <Empty>{t("admin.outbox.empty")}</Empty>}
      <ol className="space-y-3">
        {page.items.map((m) => (
          <li key={m.id} data-testid="outbox-email">
            <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <summary className="flex cursor-pointer flex-wrap items-center gap-3">
                <Badge kind={STATUS_KIND[m.status] ?? "normal"}>{t(`email.status.${m.status}`)}</Badge>
                <span className="font-semibold">{m.subject}</span>
                <span className="text-sm text-slate-700">
                  {t("admin.outbox.col.to")}: {m.to}
                </span>
                <span className="ml-auto text-sm text-slate-600">{formatDateTime(locale, m.createdAt)}</span>
              </summary>
              <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-slate-900">{m.text}</pre>
              {m.error && <p className="mt-2 text-sm text-red-800">{m.error}</p>}
            </details>
          </li>
        ))}
      </ol>
      <Pager
        firstHref={cursor ? "/admin/outbox" : undefined}
        nextHref={page.nextCursor ? `/admin/outbox?cursor=${page.nextCursor}` : undefined}
        labels={{ first: t("common.first"), next: t("common.next") }}
      />
    </>
  );
}
