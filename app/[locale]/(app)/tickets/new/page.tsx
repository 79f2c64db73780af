import { requireActor } from "@/server/auth/guard";
import { getActor } from "@/server/auth/session";
import { getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui";
import { NewTicketForm } from "./new-ticket-form";
import { IncidentBanner } from "@/components/incident-banner";
import { titled } from "@/lib/i18n/metadata";
import { attachmentSettings } from "@/server/env";
import { formatSize } from "@/components/attachment-list";
import { serverApi } from "@/server/trpc/server";

export const generateMetadata = titled("tickets.new.title");

/** Open to visitors too: they write the ticket first, and sign in or create an account to send it. */
export default async function NewTicketPage() {
  const signedIn = (await getActor()) !== null;
  if (signedIn) await requireActor("ticket.create");
  const { t } = await getT();
  const { limits } = attachmentSettings();
  const categories = await (await serverApi()).deskFlow.formCategories();
  return (
    <div className="mx-auto max-w-3xl">
      <IncidentBanner />
      <PageHeader title={t("tickets.new.title")} lead={t("tickets.new.lead")} />
      <NewTicketForm
        signedIn={signedIn}
        categories={categories}
        limits={{ files: limits.maxFiles, file: formatSize(limits.maxFileBytes), total: formatSize(limits.maxMessageBytes) }}
      />
    </div>
  );
}
