import Link from "next/link";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titledBy } from "@/lib/i18n/metadata";
import { ZIdParam } from "@/lib/search-params";
import { notFound } from "next/navigation";
import { Card, Empty, PageHeader, Table } from "@/components/ui";
import { MonitorForm } from "../monitor-form";
import { MonitorActions } from "../monitor-actions";
import { HeartbeatPanel } from "../heartbeat-url";
import { StateBadge, ResultBadge } from "../state-badge";
import { componentChoices, componentName } from "../component-names";

export const generateMetadata = titledBy<{ id: string }>("monitoring.title", async ({ id }, t) => {
  const monitor = await (await serverApi()).monitors.get({ id: Number(ZIdParam.parse(id)) });
  return `${monitor.name} · ${t("monitoring.title")}`;
});

export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor("monitor.manage");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const api = await serverApi();
  const monitor = await orNotFound(api.monitors.get({ id }));
  const [checks, components] = await Promise.all([api.monitors.checks({ id, limit: 50 }), componentChoices(api, locale)]);
  const ms = (v: number | null) => (v === null ? "—" : t("monitoring.ms", { n: v }));
  return (
    <>
      <Link href="/admin/monitors" className="text-sm text-blue-800 hover:underline">
        ← {t("monitoring.back")}
      </Link>
      <PageHeader
        title={monitor.name}
        lead={`${t(`monitoring.kind.${monitor.kind}`)}${monitor.target ? ` · ${monitor.target}` : ""} · ${componentName(components, monitor.componentId) ?? t("monitoring.noComponent")}`}
        actions={<MonitorActions id={monitor.id} name={monitor.name} enabled={monitor.enabled} />}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-4">
            <div>
              <dt className="font-semibold text-slate-700">{t("monitoring.col.state")}</dt>
              <dd>
                <StateBadge state={monitor.state} t={t} />
              </dd>
            </div>
            <div>
              <dt className="font-semibold text-slate-700">{t("monitoring.col.latency")}</dt>
              <dd>{ms(monitor.lastLatencyMs)}</dd>
            </div>
            <div>
              <dt className="font-semibold text-slate-700">{t("monitoring.col.lastCheck")}</dt>
              <dd>{monitor.lastCheckedAt ? formatDateTime(locale, monitor.lastCheckedAt) : t("monitoring.never")}</dd>
            </div>
            <div>
              <dt className="font-semibold text-slate-700">{t("monitoring.detail.nextCheck")}</dt>
              <dd>{monitor.enabled ? formatDateTime(locale, monitor.nextCheckAt) : "—"}</dd>
            </div>
            {monitor.kind === "heartbeat" && (
              <div>
                <dt className="font-semibold text-slate-700">{t("monitoring.heartbeat.last")}</dt>
                <dd>{monitor.lastHeartbeatAt ? formatDateTime(locale, monitor.lastHeartbeatAt) : t("monitoring.never")}</dd>
              </div>
            )}
            {monitor.lastError && (
              <div className="col-span-2 sm:col-span-3">
                <dt className="font-semibold text-slate-700">{t("monitoring.detail.lastError")}</dt>
                <dd className="break-words">{monitor.lastError}</dd>
              </div>
            )}
          </dl>
          {monitor.kind === "heartbeat" && (
            <Card>
              <HeartbeatPanel id={monitor.id} />
            </Card>
          )}
          <h2 className="text-lg font-semibold">{t("monitoring.detail.checks")}</h2>
          {checks.length === 0 ? (
            <Empty>{t("monitoring.detail.noChecks")}</Empty>
          ) : (
            <Table
              caption={t("monitoring.detail.checks")}
              head={[
                t("monitoring.detail.col.time"),
                t("monitoring.detail.col.result"),
                t("monitoring.detail.col.latency"),
                t("monitoring.detail.col.drift"),
                t("monitoring.detail.col.error"),
              ]}
            >
              {checks.map((c) => (
                <tr key={c.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-800">{formatDateTime(locale, c.checkedAt)}</td>
                  <td className="px-4 py-2">
                    <ResultBadge result={c.result} t={t} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2">{ms(c.latencyMs)}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">{ms(c.checkedAt - c.scheduledAt)}</td>
                  <td className="px-4 py-2 text-slate-700">{c.error ?? ""}</td>
                </tr>
              ))}
            </Table>
          )}
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("monitoring.edit")}</h2>
          <MonitorForm monitor={monitor} components={components} />
        </Card>
      </div>
    </>
  );
}
