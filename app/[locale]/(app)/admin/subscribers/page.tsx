import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { ZIdParam } from "@/lib/search-params";
import { Badge, Empty, PageHeader, Pager, Table } from "@/components/ui";
import { SubscriberActions } from "./subscriber-actions";

export const generateMetadata = titled("subscriptions.admin.title");

const STATE_BADGE: Record<string, string> = { unverified: "new", verified: "solved", approved: "solved", failed: "open" };
const KINDS = ["email", "webhook"] as const;

/** Status subscribers: who hears about incidents, and the webhooks waiting for verification or approval. */
export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("status.manage");
  const { t, locale } = await getT();
  const params = await searchParams;
  const cursor = ZIdParam.parse(params.cursor);
  const kind = KINDS.find((k) => k === params.kind);
  const api = await serverApi();
  const [page, { components }] = await Promise.all([api.subscriptions.list({ kind, cursor, limit: 50 }), api.status.components.list()]);
  const names = new Map(components.map((c) => [c.id, locale === "ru" ? c.nameRu : c.nameEn]));
  const href = (k: string | undefined, c?: number) => {
    const q = new URLSearchParams();
    if (k) q.set("kind", k);
    if (c) q.set("cursor", String(c));
    const s = q.toString();
    return `/admin/subscribers${s ? `?${s}` : ""}`;
  };

  return (
    <>
      <PageHeader title={t("subscriptions.admin.title")} lead={t("subscriptions.admin.lead")} />
      <nav aria-label={t("subscriptions.admin.filter")} className="mb-4 flex gap-3 text-sm">
        {([undefined, "email", "webhook"] as const).map((k) => (
          <Link
            key={k ?? "all"}
            href={href(k)}
            aria-current={kind === k ? "page" : undefined}
            className={`rounded-md px-3 py-1 font-semibold ${kind === k ? "bg-blue-700 text-white" : "text-blue-800 hover:underline"}`}
          >
            {t(k === undefined ? "subscriptions.admin.all" : k === "email" ? "subscriptions.admin.emails" : "subscriptions.admin.webhooks")}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <Empty>{t("subscriptions.admin.empty")}</Empty>
      ) : (
        <Table
          caption={t("subscriptions.admin.title")}
          head={[
            t("subscriptions.admin.col.kind"),
            t("subscriptions.admin.col.target"),
            t("subscriptions.admin.col.state"),
            t("subscriptions.admin.col.components"),
            t("subscriptions.admin.col.created"),
            t("subscriptions.admin.col.actions"),
          ]}
        >
          {page.items.map((s) => (
            <tr key={s.id} data-testid="subscriber-row">
              <td className="px-4 py-2">{t(`subscriptions.form.${s.kind}`)}</td>
              <td className="break-all px-4 py-2 font-mono text-xs">{s.target}</td>
              <td className="px-4 py-2">
                {s.state ? (
                  <Badge kind={STATE_BADGE[s.state] ?? "normal"}>{t(`subscriptions.state.${s.state}`)}</Badge>
                ) : (
                  <Badge kind={s.confirmed ? "solved" : "new"}>
                    {t(s.confirmed ? "subscriptions.state.email.confirmed" : "subscriptions.state.email.pending")}
                  </Badge>
                )}
                {s.lastError && <p className="mt-1 text-xs text-red-800">{t("subscriptions.admin.lastError", { error: s.lastError })}</p>}
              </td>
              <td className="px-4 py-2 text-xs">
                {s.components === null
                  ? t("subscriptions.admin.allComponents")
                  : s.components.map((id) => names.get(id) ?? `#${id}`).join(", ")}
              </td>
              <td className="whitespace-nowrap px-4 py-2 text-xs">{formatDateTime(locale, s.createdAt)}</td>
              <td className="px-4 py-2">
                <SubscriberActions id={s.id} target={s.target} state={s.state} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        firstHref={cursor ? href(kind) : undefined}
        nextHref={page.nextCursor ? href(kind, page.nextCursor) : undefined}
        labels={{ first: t("common.first"), next: t("common.next") }}
      />
    </>
  );
}
