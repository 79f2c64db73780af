import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { buttonClass, Card, Empty, PageHeader, Table } from "@/components/ui";
import { StateBadge } from "./state-badge";
import { OnDutyToggles } from "./on-duty-toggles";
import { componentChoices, componentName } from "./component-names";

export const generateMetadata = titled("monitoring.title");

export default async function MonitorsPage() {
  await requireActor("monitor.manage");
  const { t, locale } = await getT();
  const api = await serverApi();
  const [monitors, staff, components] = await Promise.all([api.monitors.list(), api.monitors.staffDuty(), componentChoices(api, locale)]);
  return (
    <>
      <PageHeader
        title={t("monitoring.title")}
        lead={t("monitoring.lead")}
        actions={
          <Link className={buttonClass} href="/admin/monitors/new">
            {t("monitoring.new")}
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div>
          {monitors.length === 0 ? (
            <Empty>{t("monitoring.empty")}</Empty>
          ) : (
            <Table
              caption={t("monitoring.title")}
              head={[
                t("monitoring.col.name"),
                t("monitoring.col.kind"),
                t("monitoring.col.component"),
                t("monitoring.col.state"),
                t("monitoring.col.latency"),
                t("monitoring.col.lastCheck"),
              ]}
            >
              {monitors.map((m) => (
                <tr key={m.id} data-testid="monitor-row">
                  <td className="px-4 py-2 font-medium">
                    <Link className="text-blue-800 hover:underline" href={`/admin/monitors/${m.id}`}>
                      {m.name}
                    </Link>
                    {m.lastError && m.state !== "up" && <p className="text-xs text-slate-700">{m.lastError}</p>}
                  </td>
                  <td className="px-4 py-2 text-slate-800">{t(`monitoring.kind.${m.kind}`)}</td>
                  <td className="px-4 py-2 text-slate-800">{componentName(components, m.componentId) ?? t("monitoring.noComponent")}</td>
                  <td className="px-4 py-2">
                    <StateBadge state={m.state} t={t} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-800">
                    {m.lastLatencyMs === null ? "—" : t("monitoring.ms", { n: m.lastLatencyMs })}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                    {m.lastCheckedAt ? formatDateTime(locale, m.lastCheckedAt) : t("monitoring.never")}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </div>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("monitoring.duty.title")}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("monitoring.duty.lead")}</p>
          <OnDutyToggles staff={staff} />
        </Card>
      </div>
    </>
  );
}
