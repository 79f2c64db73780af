import type { Metadata } from "next";
import Link from "next/link";
import { localePath } from "@/lib/i18n/paths";
import { alternatesFor, publicLocale } from "@/lib/public-page";
import { Card } from "@/components/ui";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, t } = await publicLocale(params);
  return { title: t("contact.title"), alternates: alternatesFor(locale, { en: "/contact", ru: "/ru/contact" }) };
}

/** How to reach support: text only, no data, so it is also the benchmarks' "static page" yardstick. */
export default async function ContactPage({ params }: Props) {
  const { locale, t } = await publicLocale(params);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{t("contact.title")}</h1>
      <p className="text-slate-700">{t("contact.lead")}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">{t("contact.tickets.title")}</h2>
          <p className="mt-1 text-slate-700">{t("contact.tickets.body")}</p>
          <Link href="/tickets/new" className="mt-2 inline-block font-semibold text-blue-800 underline">
            {t("help.fileTicket")}
          </Link>
        </Card>
        <Card>
          <h2 className="font-semibold">{t("contact.hours.title")}</h2>
          <p className="mt-1 text-slate-700">{t("contact.hours.body")}</p>
          <Link href={localePath(locale, "/help/sla")} className="mt-2 inline-block font-semibold text-blue-800 underline">
            {t("nav.help")}
          </Link>
        </Card>
      </div>
    </div>
  );
}
