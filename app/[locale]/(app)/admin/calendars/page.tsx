import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { SlaCalendarManager } from "@/components/sla-calendar-manager";

export const generateMetadata = titled("sla.calendars.title");

/** Business-hours calendars of the SLA policies: weekly hours and holidays in a time zone (sla.manage). */
export default async function CalendarsPage() {
  await requireActor("sla.manage");
  const { t } = await getT();
  const { calendars } = await (await serverApi()).sla.setup();
  return (
    <>
      <PageHeader title={t("sla.calendars.title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("sla.calendars.intro")}</p>
      <SlaCalendarManager calendars={calendars} />
    </>
  );
}
