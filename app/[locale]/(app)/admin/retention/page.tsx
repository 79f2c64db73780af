import { requireActor } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { titled } from "@/lib/i18n/metadata";
import { Card, PageHeader } from "@/components/ui";
import { RetentionForm } from "./retention-form";

export const generateMetadata = titled("privacy.retention.title");

export default async function RetentionPage() {
  await requireActor("privacy.manage");
  const { t, locale } = await getT();
  const settings = await (await serverApi()).privacy.retention();
  return (
    <>
      <PageHeader title={t("privacy.retention.title")} lead={t("privacy.retention.lead")} />
      <Card className="max-w-2xl">
        <RetentionForm
          initial={{
            closedTicketDays: settings.closedTicketDays,
            closedTicketAction: settings.closedTicketAction,
            auditEventDays: settings.auditEventDays,
          }}
        />
        <p className="mt-4 text-xs text-slate-600">
          {settings.updatedAt !== null && settings.updatedBy
            ? t("privacy.retention.updated", { name: settings.updatedBy, date: formatDateTime(locale, settings.updatedAt) })
            : t("privacy.retention.never")}
        </p>
      </Card>
    </>
  );
}
