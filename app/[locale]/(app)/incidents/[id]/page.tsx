import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { titledBy } from "@/lib/i18n/metadata";
import { Badge, Card, PageHeader, secondaryButtonClass } from "@/components/ui";
import { COMPONENT_BADGE, IMPACT_BADGE } from "../badges";
import type { Affected } from "../components-picker";
import { MergeForm, PostUpdateForm, ResolveForm } from "./update-forms";
import { PostmortemEditor } from "./postmortem-editor";
import { TicketPanel } from "./ticket-panel";

export const generateMetadata = titledBy<{ id: string }>("incidents.title", async ({ id }) => {
  const inc = await (await serverApi()).status.incidents.get({ id: Number(ZIdParam.parse(id)) });
  return `#${inc.id} ${inc.title}`;
});

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor("incident.manage");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const api = await serverApi();
  const inc = await orNotFound(api.status.incidents.get({ id }));
  if (inc.mergedIntoId) {
    return (
      <>
        <PageHeader title={`#${inc.id} ${inc.title}`} lead={t("incidents.detail.mergedInto", { id: inc.mergedIntoId })} />
        <Link href={`/incidents/${inc.mergedIntoId}`} className={secondaryButtonClass}>
          {t("incidents.detail.goToMerged", { id: inc.mergedIntoId })}
        </Link>
      </>
    );
  }
  const [all, list, suggestions] = await Promise.all([
    api.status.components.list(),
    api.status.incidents.list(),
    api.status.incidents.suggestTickets({ id }),
  ]);
  const name = (c: { nameEn: string; nameRu: string }) => (locale === "ru" ? c.nameRu : c.nameEn);
  const open = inc.status !== "resolved";
  const affected: Affected = Object.fromEntries(inc.components.map((c) => [c.id, c.status === "maintenance" ? "" : c.status]));
  const targets = [...list.active, ...list.recent].filter((i) => i.id !== inc.id).map((i) => ({ id: i.id, title: i.title }));

  return (
    <>
      <PageHeader
        title={`#${inc.id} ${inc.title}`}
        lead={[
          t("incidents.detail.started", { date: formatDateTime(locale, inc.startedAt) }),
          inc.resolvedAt ? t("incidents.detail.resolved", { date: formatDateTime(locale, inc.resolvedAt) }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={
          <div className="flex gap-2">
            <Badge kind={IMPACT_BADGE[inc.impact]}>{t(`incidents.impact.${inc.impact}`)}</Badge>
            <Badge kind={open ? "open" : "solved"}>{t(`incidents.status.${inc.status}`)}</Badge>
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {open && (
            <Card>
              <h2 className="mb-3 text-lg font-semibold">{t("incidents.postUpdate")}</h2>
              <PostUpdateForm
                incidentId={inc.id}
                status={inc.status}
                impact={inc.impact}
                affected={affected}
                components={all.components.map((c) => ({ id: c.id, nameEn: c.nameEn, nameRu: c.nameRu }))}
              />
            </Card>
          )}
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.timeline")}</h2>
            <ol className="space-y-4">
              {inc.updates.map((u) => (
                <li key={u.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="text-sm font-semibold">
                    {t(`incidents.status.${u.status}`)}{" "}
                    <span className="font-normal text-slate-600">
                      · {formatDateTime(locale, u.createdAt)}
                      {u.authorName ? ` · ${u.authorName}` : ""}
                    </span>
                  </p>
                  <p className="whitespace-pre-wrap text-sm">{u.body}</p>
                </li>
              ))}
            </ol>
          </Card>
          <Card>
            <PostmortemEditor
              incidentId={inc.id}
              body={inc.postmortem}
              template={inc.postmortemTemplate}
              publishedAt={inc.postmortemPublishedAt}
            />
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.components.heading")}</h2>
            {inc.components.length === 0 ? (
              <p className="text-sm text-slate-700">{t("incidents.components.none")}</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {inc.components.map((c) => (
                  <li key={c.id}>
                    {name(c)} <Badge kind={COMPONENT_BADGE[c.status]}>{t(`incidents.component.${c.status}`)}</Badge>
                    <span className="ml-1 text-xs text-slate-600">
                      {t("incidents.components.now", { status: t(`incidents.component.${c.currentStatus}`) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <h2 className="mb-1 text-lg font-semibold">{t("incidents.tickets.heading")}</h2>
            <p className="mb-3 text-sm text-slate-700">{t("incidents.tickets.filedDuring", { n: inc.ticketsFiledDuring })}</p>
            <TicketPanel incidentId={inc.id} linked={inc.linkedTickets} suggestions={suggestions} />
          </Card>
          {open && (
            <Card>
              <h2 className="mb-3 text-lg font-semibold">{t("incidents.resolve.heading")}</h2>
              <ResolveForm incidentId={inc.id} />
            </Card>
          )}
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t("incidents.merge.heading")}</h2>
            <MergeForm incidentId={inc.id} targets={targets} />
          </Card>
        </div>
      </div>
    </>
  );
}
