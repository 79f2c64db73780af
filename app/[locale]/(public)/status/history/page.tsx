import type { Metadata } from "next";
import { decodeCursor } from "@/server/status/find-incidents";
import { publicApi } from "@/server/trpc/public-caller";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { Pager } from "@/components/ui";
import { IncidentHistoryList } from "@/components/status/incident-cards";

// Paged by a key in the query string: rendered per request (cheap: one indexed query per page).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  return {
    title: t("status.history.title"),
    description: t("status.history.lead"),
    alternates: alternatesFor(locale, { en: "/status/history", ru: "/ru/status/history" }),
  };
}

export default async function StatusHistoryPage({ params, searchParams }: Props) {
  const { locale, t } = await publicLocale(params);
  const raw = (await searchParams).before;
  // Anything but a key of this list starts from the newest.
  const before = typeof raw === "string" && decodeCursor(raw) ? raw : undefined;
  const page = await publicApi().status.history({ locale, before, limit: 20 });
  const base = localePath(locale, "/status/history");
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t("status.history.title")}</h1>
      <p className="mb-6 mt-1 text-slate-700">{t("status.history.lead")}</p>
      <IncidentHistoryList items={page.items} t={t} locale={locale} />
      <Pager
        firstHref={before ? base : undefined}
        nextHref={page.next ? `${base}?before=${page.next}` : undefined}
        labels={{ first: t("status.history.first"), next: t("status.history.next") }}
      />
    </div>
  );
}
