import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import type { Locale } from "@/server/db/schema";
import { renderMarkdown } from "@/server/kb/markdown";
import { publicApi } from "@/server/trpc/public-caller";
import { formatDateTime } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { ImpactBadge } from "@/components/status/incident-cards";
import { IncidentStages } from "@/components/status/incident-stages";

// Per request, as the status page (see there): server.mjs's page cache holds the copies anonymous visitors
// get. Next writes nothing to disk for it, so a stream of made-up incident numbers cannot fill the disk.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; id: string }> };

const load = cache(async (raw: string, locale: Locale) => {
  if (!/^\d{1,12}$/.test(raw) || Number(raw) < 1) return null;
  return publicApi().status.incident({ id: Number(raw), locale });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  const { id } = await params;
  const i = await load(id, locale);
  if (!i || "mergedInto" in i) return { title: t("status.page.title") };
  return {
    title: i.title,
    description: i.updates[0]?.body.slice(0, 200) ?? t("status.page.description"),
    alternates: alternatesFor(locale, { en: `/status/incidents/${i.id}`, ru: `/ru/status/incidents/${i.id}` }),
  };
}

export default async function IncidentPage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const { id } = await params;
  const i = await load(id, locale);
  if (!i) notFound();
  if ("mergedInto" in i) permanentRedirect(localePath(locale, `/status/incidents/${i.mergedInto}`));
  const postmortem = i.postmortem ? renderMarkdown(i.postmortem.body, { linkPrefix: locale === "ru" ? "/ru" : undefined }) : null;
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <p>
        <Link href={localePath(locale, "/status")} className="text-sm font-semibold text-blue-800 underline">
          ← {t("status.incident.back")}
        </Link>
      </p>
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{i.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <ImpactBadge impact={i.impact} t={t} />
          <span>{t("status.incident.started", { date: formatDateTime(locale, i.startedAt) })}</span>
          <span>
            {i.resolvedAt !== null
              ? t("status.incident.resolvedAt", { date: formatDateTime(locale, i.resolvedAt) })
              : t("status.incident.ongoing")}
          </span>
        </div>
        {i.components.length > 0 && (
          <p className="mt-2 text-sm text-slate-700">
            {t("status.incident.affected", { names: i.components.map((c) => c.name).join(", ") })}
          </p>
        )}
        {i.auto && <p className="mt-1 text-sm text-slate-700">{t("status.incident.auto")}</p>}
      </header>

      <IncidentStages current={i.status} reached={new Set(i.updates.map((u) => u.status))} t={t} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("status.incident.timeline")}
        </h2>
        {i.updates.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("status.incident.noUpdates")}</p>
        ) : (
          <ol className="mt-4 space-y-6 border-l-2 border-slate-200 pl-6">
            {i.updates.map((u) => (
              <li key={u.id} className="relative">
                <span
                  aria-hidden="true"
                  className="absolute -left-[31px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-blue-700 ring-1 ring-blue-700"
                />
                <p className="font-semibold text-slate-900">
                  {t(`status.stage.${u.status}`)}{" "}
                  <span className="font-normal text-slate-700">
                    · <time dateTime={new Date(u.createdAt).toISOString()}>{formatDateTime(locale, u.createdAt)}</time>
                  </span>
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-900">{u.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {postmortem && i.postmortem && (
        <section aria-labelledby="postmortem-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="postmortem-heading" className="text-xl font-semibold">
            {t("status.incident.postmortem")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {t("status.incident.postmortemPublished", { date: formatDateTime(locale, i.postmortem.publishedAt) })}
          </p>
          <div className="prose-mayak mt-4" dangerouslySetInnerHTML={{ __html: postmortem.html }} />
        </section>
      )}
    </article>
  );
}
