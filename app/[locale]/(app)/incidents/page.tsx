import Link from "next/link";
import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { IMPACT_BADGE } from "./badges";
import { Badge, Empty, PageHeader, Table, buttonClass } from "@/components/ui";

export const generateMetadata = titled("incidents.title");

type Row = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["status"]["incidents"]["list"]>>["active"][number];

function IncidentTable({
  rows,
  caption,
  t,
  locale,
  resolved,
}: {
  rows: Row[];
  caption: string;
  t: Translator;
  locale: Locale;
  resolved?: boolean;
}) {
  const head = [
    t("incidents.col.title"),
    t("incidents.col.impact"),
    t("incidents.col.status"),
    t("incidents.col.started"),
    ...(resolved ? [t("incidents.col.resolved")] : []),
  ];
  return (
    <Table caption={caption} head={head}>
      {rows.map((i) => (
        <tr key={i.id}>
          <td className="px-4 py-2">
            <Link href={`/incidents/${i.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
              #{i.id} {i.title}
            </Link>
            {i.auto && <span className="ml-2 text-xs text-slate-600">{t("incidents.auto")}</span>}
          </td>
          <td className="px-4 py-2">
            <Badge kind={IMPACT_BADGE[i.impact]}>{t(`incidents.impact.${i.impact}`)}</Badge>
          </td>
          <td className="px-4 py-2">{t(`incidents.status.${i.status}`)}</td>
          <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(locale, i.startedAt)}</td>
          {resolved && (
            <td className="px-4 py-2 whitespace-nowrap">{i.resolvedAt ? formatDateTime(locale, i.resolvedAt) : t("common.none")}</td>
          )}
        </tr>
      ))}
    </Table>
  );
}

export default async function IncidentsPage() {
  await requireActor("incident.manage");
  const { t, locale } = await getT();
  const { active, recent } = await (await serverApi()).status.incidents.list();
  return (
    <>
      <PageHeader
        title={t("incidents.title")}
        lead={t("incidents.lead")}
        actions={
          <Link href="/incidents/new" className={buttonClass}>
            {t("incidents.new")}
          </Link>
        }
      />
      <h2 className="mb-3 text-lg font-semibold">{t("incidents.active")}</h2>
      {active.length ? (
        <IncidentTable rows={active} caption={t("incidents.active")} t={t} locale={locale} />
      ) : (
        <Empty>{t("incidents.noneActive")}</Empty>
      )}
      <h2 className="mb-3 mt-8 text-lg font-semibold">{t("incidents.recent")}</h2>
      {recent.length ? (
        <IncidentTable rows={recent} caption={t("incidents.recent")} t={t} locale={locale} resolved />
      ) : (
        <Empty>{t("incidents.noneRecent")}</Empty>
      )}
    </>
  );
}
