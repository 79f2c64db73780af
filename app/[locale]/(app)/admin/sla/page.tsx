import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { titled } from "@/lib/i18n/metadata";
import { PageHeader } from "@/components/ui";
import { SlaPolicyManager } from "@/components/sla-policy-manager";

export const generateMetadata = titled("sla.admin.title");

/** SLA policies, in order: conditions, targets per priority on a calendar, and what a breach does (sla.manage). */
export default async function SlaPoliciesPage() {
  await requireActor("sla.manage");
  const { t, locale } = await getT();
  const api = await serverApi();
  const [{ policies, calendars }, teams, categories] = await Promise.all([
    api.sla.setup(),
    api.workspace.teams(),
    api.workspace.categories(),
  ]);
  return (
    <>
      <PageHeader title={t("sla.admin.title")} />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">{t("sla.admin.intro")}</p>
      <SlaPolicyManager
        policies={policies}
        calendars={calendars}
        teams={teams.map((tm) => ({ id: tm.id, name: tm.name }))}
        categories={categories.map((c) => ({ id: c.id, name: locale === "ru" ? c.nameRu : c.nameEn }))}
      />
    </>
  );
}
