import { requireActor } from "@/server/auth/guard";
import { getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui";
import { NewTicketForm } from "./new-ticket-form";
import { IncidentBanner } from "@/components/incident-banner";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("tickets.new.title");

export default async function NewTicketPage() {
  await requireActor("ticket.create");
  const { t } = await getT();
  return (
    <div className="mx-auto max-w-3xl">
      <IncidentBanner />
      <PageHeader title={t("tickets.new.title")} lead={t("tickets.new.lead")} />
      <NewTicketForm />
    </div>
  );
}
