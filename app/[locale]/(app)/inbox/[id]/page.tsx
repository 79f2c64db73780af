import { notFound } from "next/navigation";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { Card } from "@/components/ui";
import { TicketDetail } from "@/components/ticket-view";
import { TicketPropertiesForm } from "./ticket-properties-form";
import { titled } from "@/lib/i18n/metadata";

export const generateMetadata = titled("ticket.details");

export default async function InboxTicketPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor("inbox.view");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const api = await serverApi();
  const [ticket, staff] = await Promise.all([orNotFound(api.tickets.get({ id })), api.inbox.staff()]);
  const sidebar = (
    <>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("ticket.properties")}</h2>
        <TicketPropertiesForm
          ticketId={ticket.id}
          status={ticket.status}
          priority={ticket.priority}
          assigneeId={ticket.assignee?.id ?? null}
          staff={staff}
          disabled={!ticket.can.update}
        />
      </Card>
      <Card>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="font-semibold text-slate-700">{t("tickets.col.requester")}</dt>
            <dd>
              {ticket.requester.name} · {ticket.requester.email}
            </dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-700">{t("ticket.firstResponse")}</dt>
            <dd>{ticket.firstResponseAt ? formatDateTime(locale, ticket.firstResponseAt) : t("ticket.awaiting")}</dd>
          </div>
        </dl>
      </Card>
    </>
  );
  return <TicketDetail ticket={ticket} t={t} locale={locale} staffView sidebar={sidebar} />;
}
