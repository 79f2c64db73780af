import type { Metadata } from "next";
import Link from "next/link";
import { publicApi } from "@/server/trpc/public-caller";
import { formatDateTime } from "@/lib/i18n";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { SubscribeForm } from "@/components/subscribe-form";
import "@/components/status/status-page.css";
import { ComponentGroups } from "@/components/status/component-row";
import { toCompact } from "@/components/status/compact";
import { ActiveIncidentCard, IncidentHistoryList, MaintenanceCard } from "@/components/status/incident-cards";
import { BANNER } from "@/components/status/status-style";
import { FeedLinks, UptimeFormula } from "@/components/status/page-parts";

// Rendered per request by Next: anonymous visitors get it from server.mjs's page cache (lib/page-cache.mjs),
// which has it rendered once per change (within a second on every instance) and every 10 s for the uptime
// figures. Next keeps no copy of its own (a copy per instance would lag behind the other instances' changes).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  const lang = locale === "ru" ? "?lang=ru" : "";
  return {
    title: t("status.page.title"),
    description: t("status.page.description"),
    alternates: {
      ...alternatesFor(locale, { en: "/status", ru: "/ru/status" }),
      types: { "application/rss+xml": `/api/status/feed.rss${lang}`, "application/atom+xml": `/api/status/feed.atom${lang}` },
    },
  };
}

export default async function StatusPage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  const data = await publicApi().status.page({ locale });
  const components = data.groups.flatMap((g) => g.components);
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("status.page.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("status.page.updated", { date: formatDateTime(locale, data.generatedAt) })}</p>
        <p role="status" className={`mt-4 flex items-center gap-3 rounded-lg px-5 py-4 text-lg font-semibold ${BANNER[data.overall]}`}>
          <span aria-hidden="true">{data.overall === "operational" ? "✓" : data.overall === "maintenance" ? "⚙" : "!"}</span>
          {t(`status.overall.${data.overall}`)}
        </p>
      </header>

      {data.activeIncidents.length > 0 && (
        <section aria-labelledby="active-heading" className="space-y-3">
          <h2 id="active-heading" className="text-xl font-semibold">
            {t("status.active.heading")}
          </h2>
          {data.activeIncidents.map((i) => (
            <ActiveIncidentCard key={i.id} i={i} t={t} locale={locale} />
          ))}
        </section>
      )}

      {data.maintenance.length > 0 && (
        <section aria-labelledby="maintenance-heading" className="space-y-3">
          <h2 id="maintenance-heading" className="text-xl font-semibold">
            {t("status.maint.heading")}
          </h2>
          {data.maintenance.map((m) => (
            <MaintenanceCard key={m.id} m={m} t={t} locale={locale} />
          ))}
        </section>
      )}

      <section aria-labelledby="components-heading">
        <h2 id="components-heading" className="text-xl font-semibold">
          {t("status.components.heading")}
        </h2>
        <ComponentGroups groups={data.groups.map((g) => ({ id: g.id, name: g.name, components: g.components.map(toCompact) }))} />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-xl font-semibold">
          {t("status.history.heading")}
        </h2>
        <IncidentHistoryList items={data.history.items} t={t} locale={locale} />
        {data.history.next && (
          <p className="mt-3">
            <Link href={localePath(locale, "/status/history")} className="font-semibold text-blue-800 underline">
              {t("status.history.all")}
            </Link>
          </p>
        )}
      </section>

      <UptimeFormula t={t} />

      <section aria-labelledby="subscribe-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="subscribe-heading" className="text-xl font-semibold">
          {t("status.subscribe.heading")}
        </h2>
        <SubscribeForm components={components.map((c) => ({ id: c.id, name: c.name }))} />
        <FeedLinks t={t} locale={locale} />
      </section>
    </div>
  );
}
