import type { ReactNode } from "react";
import type { TicketView } from "@/server/tickets/get-ticket";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import { Badge, Card } from "./ui";
import { ReplyForm } from "./reply-form";

/** Text a person typed: shown as text, never as HTML, with its line breaks. */
function UserText({ children }: { children: string }) {
  return <p className="whitespace-pre-wrap break-words text-slate-900">{children}</p>;
}

function Detail({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-700">{label}</h3>
      <UserText>{value}</UserText>
    </div>
  );
}

/** A ticket with its conversation: the customer's page and the agent's page both show this. */
export function TicketDetail({
  ticket,
  t,
  locale,
  staffView,
  sidebar,
}: {
  ticket: TicketView;
  t: Translator;
  locale: Locale;
  staffView: boolean;
  sidebar?: ReactNode;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-6">
        <div>
          <p className="text-sm text-slate-600">{t("ticket.heading", { id: ticket.id })}</p>
          <h1 className="break-words text-2xl font-bold tracking-tight" data-testid="ticket-subject">
            {ticket.subject}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <Badge kind={ticket.status}>{t(`status.${ticket.status}`)}</Badge>
            <Badge kind={ticket.priority}>{t(`priority.${ticket.priority}`)}</Badge>
            <span>{t("ticket.openedBy", { name: ticket.requester.name, date: formatDateTime(locale, ticket.createdAt) })}</span>
          </div>
        </div>
        <Card className="space-y-4">
          <h2 className="sr-only">{t("ticket.details")}</h2>
          <UserText>{ticket.description}</UserText>
          <Detail label={t("tickets.field.steps")} value={ticket.steps} />
          <div className="grid gap-4 md:grid-cols-2">
            <Detail label={t("tickets.field.expected")} value={ticket.expected} />
            <Detail label={t("tickets.field.actual")} value={ticket.actual} />
          </div>
          {ticket.pageUrl && (
            <p className="text-sm">
              <span className="font-semibold text-slate-700">{t("tickets.field.pageUrl")}: </span>
              <a href={ticket.pageUrl} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-blue-800 underline">
                {ticket.pageUrl}
              </a>
            </p>
          )}
        </Card>
        <section aria-labelledby="conversation-heading" className="space-y-3">
          <h2 id="conversation-heading" className="text-lg font-semibold">
            {t("ticket.conversation")}
          </h2>
          {ticket.messages.length === 0 && <p className="text-slate-700">{t("ticket.noMessages")}</p>}
          <ol className="space-y-3">
            {ticket.messages.map((m) => {
              const fromStaff = m.author.role !== "customer";
              const note = m.kind === "note";
              return (
                <li
                  key={m.id}
                  data-testid={note ? "message-note" : "message-reply"}
                  className={`rounded-lg border p-4 ${note ? "border-amber-300 bg-amber-50" : fromStaff ? "border-blue-200 bg-blue-50" : "border-slate-200 bg-white"}`}
                >
                  <div className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-semibold">
                      {fromStaff && !staffView ? `${m.author.name} · ${t("ticket.staff")}` : m.author.name}
                    </span>
                    {note && <Badge kind="on_hold">{t("ticket.note.badge")}</Badge>}
                    <span className="text-slate-600">{formatDateTime(locale, m.createdAt)}</span>
                  </div>
                  <UserText>{m.body}</UserText>
                </li>
              );
            })}
          </ol>
        </section>
        {ticket.can.reply ? (
          <ReplyForm ticketId={ticket.id} allowNote={ticket.can.note} />
        ) : (
          ticket.status === "closed" && <p className="rounded-md bg-slate-100 p-4 text-slate-800">{t("ticket.closed")}</p>
        )}
      </div>
      {sidebar && <aside className="space-y-4">{sidebar}</aside>}
    </div>
  );
}
