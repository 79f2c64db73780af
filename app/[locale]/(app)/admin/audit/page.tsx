import Link from "next/link";
import { z } from "zod";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { zText } from "@/lib/text-field";
import { Empty, PageHeader, Pager, Table, buttonClass, inputClass, secondaryButtonClass } from "@/components/ui";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("admin.audit.title");

const text = (max: number) =>
  zText()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const ZParams = z.object({
  actor: text(254),
  action: text(64).transform((v) => (v && /^[a-z_.]+$/.test(v) ? v : undefined)),
  entityType: text(32),
  entityId: text(64),
  from: date,
  to: date,
  cursor: ZIdParam,
});

/** The event as stored, for whoever needs more than the readable lines. */
function rawEvent(e: {
  id: number;
  actorId: number | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string;
  userAgent: string;
  createdAt: number;
}): string {
  const { id, actorId, actorRole, action, entityType, entityId, before, after, ip, userAgent, createdAt } = e;
  return JSON.stringify({ id, action, actorId, actorRole, entityType, entityId, before, after, ip, userAgent, createdAt });
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireActor("audit.read");
  const { t, locale } = await getT();
  const p = ZParams.parse(await searchParams);
  const dayMs = (d?: string, end = false) => (d ? Date.parse(`${d}T00:00:00Z`) + (end ? 86_400_000 : 0) : undefined);
  const page = await (
    await serverApi()
  ).admin.audit({
    actor: p.actor,
    action: p.action,
    entityType: p.entityType,
    entityId: p.entityId,
    from: dayMs(p.from),
    to: dayMs(p.to, true),
    cursor: p.cursor,
    limit: 50,
  });
  const keep = new URLSearchParams(Object.entries({ ...p, cursor: undefined }).filter(([, v]) => v !== undefined) as [string, string][]);
  const withCursor = (c: number) => `/admin/audit?${new URLSearchParams([...keep, ["cursor", String(c)]])}`;
  const field = (name: keyof typeof p, label: string, type = "text") => (
    <label className="text-sm">
      <span className="mb-1 block font-semibold text-slate-800">{label}</span>
      <input name={name} type={type} defaultValue={(p[name] as string | undefined) ?? ""} className={inputClass} />
    </label>
  );

  return (
    <>
      <PageHeader title={t("admin.audit.title")} lead={t("admin.audit.lead")} />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
        {field("actor", t("admin.audit.actor"))}
        {field("action", t("admin.audit.action"))}
        {field("entityType", t("admin.audit.entity"))}
        {field("entityId", t("admin.audit.entityId"))}
        {field("from", t("admin.audit.from"), "date")}
        {field("to", t("admin.audit.to"), "date")}
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass}>
            {t("common.filter")}
          </button>
          <a href="/admin/audit" className={secondaryButtonClass}>
            {t("common.clear")}
          </a>
        </div>
      </form>
      <form
        method="get"
        action="/api/audit/export"
        className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 className="text-sm font-semibold text-slate-900">{t("privacy.audit.export")}</h2>
        {p.from && <input type="hidden" name="from" value={p.from} />}
        {p.to && <input type="hidden" name="to" value={p.to} />}
        <button type="submit" name="format" value="csv" className={secondaryButtonClass}>
          {t("privacy.audit.csv")}
        </button>
        <button type="submit" name="format" value="json" className={secondaryButtonClass}>
          {t("privacy.audit.json")}
        </button>
        <p className="w-full text-xs text-slate-600">{t("privacy.audit.exportHint")}</p>
      </form>
      {page.items.length === 0 ? (
        <Empty>{t("admin.audit.empty")}</Empty>
      ) : (
        <Table
          caption={t("admin.audit.title")}
          head={[
            t("admin.audit.col.time"),
            t("admin.audit.col.actor"),
            t("admin.audit.col.action"),
            t("admin.audit.col.entity"),
            t("admin.audit.col.change"),
            t("admin.audit.col.origin"),
          ]}
        >
          {page.items.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="align-top">
              <td className="whitespace-nowrap px-4 py-2 text-slate-700">{formatDateTime(locale, e.createdAt)}</td>
              <td className="px-4 py-2">
                {e.actorEmail ?? (e.actorId ? `#${e.actorId}` : "")}
                <span className="block text-xs text-slate-600">
                  {e.actorId === null && e.ip === "system" ? t("admin.audit.system") : t(`role.${e.actorRole}`)}
                </span>
              </td>
              <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-4 py-2 font-mono text-xs">
                {e.entityType === "ticket" ? (
                  <Link className="text-blue-800 underline" href={`/inbox/${e.entityId}`}>
                    ticket:{e.entityId}
                  </Link>
                ) : (
                  `${e.entityType}:${e.entityId}`
                )}
                {e.entityLabel && <span className="block font-sans text-slate-700">{e.entityLabel}</span>}
              </td>
              <td className="max-w-xs px-4 py-2 text-xs text-slate-800">
                {e.changes.length > 0 && (
                  <ul className="space-y-0.5" data-testid="audit-changes">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        <span className="font-semibold">{c.field}:</span>{" "}
                        {c.from !== undefined && c.to !== undefined
                          ? `${c.from} → ${c.to}`
                          : c.to !== undefined
                            ? c.to
                            : `${c.from} → ${t("common.none")}`}
                      </li>
                    ))}
                  </ul>
                )}
                {e.redacted.length > 0 && (
                  <span className="block italic text-slate-600">{t("privacy.audit.redacted", { fields: e.redacted.join(", ") })}</span>
                )}
                <details className="mt-1">
                  <summary className="cursor-pointer text-blue-800 underline">{t("audit.raw")}</summary>
                  <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-slate-700">{rawEvent(e)}</pre>
                </details>
              </td>
              <td className="max-w-[12rem] truncate px-4 py-2 text-xs text-slate-700" title={e.userAgent}>
                {e.ip}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        firstHref={p.cursor ? `/admin/audit?${keep}` : undefined}
        nextHref={page.nextCursor ? withCursor(page.nextCursor) : undefined}
        labels={{ first: t("common.first"), next: t("common.next") }}
      />
    </>
  );
}
