import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor, orNotFound } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { attachmentSettings } from "@/server/env";
import { getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n";
import { ZIdParam } from "@/lib/search-params";
import { Badge, Card } from "@/components/ui";
import { TicketDetail } from "@/components/ticket-view";
import { formatSize } from "@/components/attachment-list";
import { TicketShortcuts } from "@/components/shortcuts-ticket";
import { TicketPropertiesForm } from "./ticket-properties-form";
import { MergeDialog } from "@/components/merge-dialog";
import { SlaClockCard } from "@/components/sla-clock-card";
import { titledBy } from "@/lib/i18n/metadata";

/** One read of the ticket per request, shared by the title and the page. */
const readTicket = cache(async (id: number) => (await serverApi()).tickets.get({ id }));

/** The browser title names the ticket: "#123 Subject" (the generic title for a reader who may not see it). */
export const generateMetadata = titledBy<{ id: string }>("ticket.details", async ({ id }) => {
  const ticket = await readTicket(ZIdParam.parse(id) ?? 0);
  return `#${ticket.id} ${ticket.subject}`;
});

export default async function InboxTicketPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("inbox.view");
  const id = ZIdParam.parse((await params).id);
  if (!id) notFound();
  const { t, locale } = await getT();
  const api = await serverApi();
  const [ticket, staff] = await Promise.all([orNotFound(readTicket(id)), api.inbox.staff()]);
  const { limits } = attachmentSettings();
  const sidebar = (
    <>
      <Card>
        <TicketShortcuts
          ticketId={ticket.id}
          meId={actor.id}
          assigneeId={ticket.assignee?.id ?? null}
          canUpdate={ticket.can.assign}
          neighbours={ticket.neighbours}
        />
      </Card>
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
      <SlaClockCard ticketId={ticket.id} />
      {ticket.can.update && (
        <Card>
          <MergeDialog
            ticketId={ticket.id}
            suggestions={ticket.requesterTickets.filter((o) => o.status !== "solved" && o.status !== "closed")}
          />
        </Card>
      )}
      <Card>
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="font-semibold text-slate-700">{t("tickets.col.requester")}</dt>
            <dd className="break-words">
              {ticket.requester.name} · {ticket.requester.email}
            </dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-700">{t("ticket.firstResponse")}</dt>
            <dd>{ticket.firstResponseAt ? formatDateTime(locale, ticket.firstResponseAt) : t("ticket.awaiting")}</dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-700">{t("ticketLife.csat.staffTitle")}</dt>
            <dd data-testid="csat-staff" className="break-words">
              {ticket.rating.rating && ticket.rating.ratedAt
                ? t("ticketLife.csat.rated", {
                    rating: t(`ticketLife.csat.${ticket.rating.rating}`),
                    date: formatDateTime(locale, ticket.rating.ratedAt),
                  })
                : t(ticket.rating.openUntil ? "ticketLife.csat.notRated" : "ticketLife.csat.notAsked")}
              {ticket.rating.comment && <span className="block text-slate-700">“{ticket.rating.comment}”</span>}
            </dd>
          </div>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 text-base font-semibold">{t("ticketPage.otherTickets")}</h2>
        {ticket.requesterTickets.length === 0 ? (
          <p className="text-sm text-slate-700">{t("ticketPage.noOtherTickets")}</p>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="requester-tickets">
            {ticket.requesterTickets.map((o) => (
              <li key={o.id} className="flex items-start justify-between gap-2">
                <Link href={`/inbox/${o.id}`} className="break-words text-blue-800 underline">
                  #{o.id} {o.subject}
                </Link>
                <Badge kind={o.status}>{t(`status.${o.status}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
  return (
    <TicketDetail
      ticket={ticket}
      t={t}
      locale={locale}
      staffView
      people={staff}
      sidebar={sidebar}
      limits={{ files: limits.maxFiles, file: formatSize(limits.maxFileBytes), total: formatSize(limits.maxMessageBytes) }}
      back={{ href: "/inbox", label: t("ticketPage.back") }}
    />
  );
}
