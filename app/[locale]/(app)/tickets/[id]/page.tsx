import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { can } from "@/server/auth/permissions";
import { serverApi } from "@/server/trpc/server";
import { attachmentSettings } from "@/server/env";
import { getT } from "@/lib/i18n/server";
import { TicketDetail } from "@/components/ticket-view";
import { formatSize } from "@/components/attachment-list";
import { ZIdParam } from "@/lib/search-params";
import { titledBy } from "@/lib/i18n/metadata";

/** One read of the ticket per request, shared by the title and the page. */
const readTicket = cache(async (id: number) => (await serverApi()).tickets.get({ id }));

/** The browser title names the ticket: "#123 Subject" (the generic title for a reader who may not see it). */
export const generateMetadata = titledBy<{ id: string }>("ticket.details", async ({ id }) => {
  const ticket = await readTicket(ZIdParam.parse(id) ?? 0);
  return `#${ticket.id} ${ticket.subject}`;
});

export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireActor("ticket.read.own");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  if (can(actor, "inbox.view")) redirect(`/inbox/${id}`);
  const { t, locale } = await getT();
  const ticket = await orNotFound(readTicket(id));
  const created = (await searchParams).created === "1";
  const { limits } = attachmentSettings();
  return (
    <>
      {created && (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-4 py-2 text-green-900">
          {t("tickets.created", { id: ticket.id })}
        </p>
      )}
      <TicketDetail
        ticket={ticket}
        t={t}
        locale={locale}
        staffView={false}
        limits={{ files: limits.maxFiles, file: formatSize(limits.maxFileBytes), total: formatSize(limits.maxMessageBytes) }}
        back={{ href: "/tickets", label: t("ticketPage.backCustomer") }}
      />
    </>
  );
}
