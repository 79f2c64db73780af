import type { ReactNode } from "react";
import Link from "next/link";
import type { TicketMessageView, TicketView } from "@/server/tickets/get-ticket";
import type { TimelineEvent } from "@/server/tickets/timeline";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import { Badge, Card } from "./ui";
import { ReplyForm } from "./reply-form";
import { AttachmentList } from "./attachment-list";
import type { AttachmentLimitsText } from "./attachment-picker";
import { TimelineEntry } from "./ticket-timeline";
import { TicketLive } from "./presence-bar";
import { FollowUpForm } from "./follow-up-form";
import { CsatForm } from "./csat-form";

/** Merges and follow-ups of the ticket, as links to the other tickets (each reader's own ticket pages). */
function TicketLinksNote({ ticket, t, base }: { ticket: TicketView; t: Translator; base: string }) {
  const { mergedInto, mergedFrom, followUpOf, followUps } = ticket.links;
  const link = (id: number) => (
    <Link key={id} href={`${base}/${id}`} className="text-blue-800 underline">
      #{id}
    </Link>
  );
  const list = (ids: number[]) =>
    ids.map((id, i) => (
      <span key={id}>
        {i > 0 && ", "}
        {link(id)}
      </span>
    ));
  return (
    <>
      {mergedInto !== null && (
        <p role="note" className="rounded-md border border-blue-300 bg-blue-50 px-4 py-2 text-blue-950" data-testid="merged-into">
          {t("ticketLife.mergedInto", { id: mergedInto })}{" "}
          <Link href={`${base}/${mergedInto}`} className="font-semibold underline">
            {t("ticketLife.mergedIntoLink", { id: mergedInto })}
          </Link>
        </p>
      )}
      {(mergedFrom.length > 0 || followUpOf !== null || followUps.length > 0) && (
        <ul className="space-y-1 text-sm text-slate-800" data-testid="ticket-links">
          {followUpOf !== null && (
            <li>
              {t("ticketLife.followUpOf")} {link(followUpOf)}
            </li>
          )}
          {followUps.length > 0 && (
            <li>
              {t("ticketLife.followUps")} {list(followUps)}
            </li>
          )}
          {mergedFrom.length > 0 && (
            <li>
              {t("ticketLife.mergedFrom")} {list(mergedFrom)}
            </li>
          )}
        </ul>
      )}
    </>
  );
}

/** Messages and changes in one order: by time, a message before a change made in the same millisecond. */
type ConversationItem = { kind: "message"; at: number; m: TicketMessageView } | { kind: "event"; at: number; e: TimelineEvent };
function conversation(ticket: TicketView): ConversationItem[] {
  const items: ConversationItem[] = [
    ...ticket.messages.map((m) => ({ kind: "message" as const, at: m.createdAt, m })),
    ...ticket.events.map((e) => ({ kind: "event" as const, at: e.at, e })),
  ];
  return items.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "message" ? -1 : 1));
}

/** The time of this render: the page is rendered per request on the server. */
function renderTime(): number {
  return Date.now();
}

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
  limits,
  back,
  people,
}: {
  ticket: TicketView;
  t: Translator;
  locale: Locale;
  staffView: boolean;
  sidebar?: ReactNode;
  limits: AttachmentLimitsText;
  back: { href: string; label: string };
  /** Staff a note may mention (@name). */
  people?: readonly { id: number; name: string }[];
}) {
  // The requester of a solved (or since closed) ticket is asked to rate it while the rating window is open.
  const ratingOpen =
    (ticket.status === "solved" || ticket.status === "closed") &&
    ticket.rating.openUntil !== null &&
    ticket.rating.openUntil > renderTime();
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-6">
        <TicketLive ticketId={ticket.id} version={ticket.version} staff={staffView} />
        <div>
          <Link href={back.href} className="text-sm text-blue-800 underline" data-testid="back-to-list">
            ← {back.label}
          </Link>
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
        <TicketLinksNote ticket={ticket} t={t} base={staffView ? "/inbox" : "/tickets"} />
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
          <AttachmentList files={ticket.attachments} t={t} />
        </Card>
        <section aria-labelledby="conversation-heading" className="space-y-3">
          <h2 id="conversation-heading" className="text-lg font-semibold">
            {t("ticket.conversation")}
          </h2>
          {ticket.messages.length === 0 && <p className="text-slate-700">{t("ticket.noMessages")}</p>}
          <ol className="space-y-3">
            {conversation(ticket).map((item) => {
              if (item.kind === "event") return <TimelineEntry key={item.e.key} event={item.e} t={t} locale={locale} />;
              const m = item.m;
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
                  {m.body && <UserText>{m.body}</UserText>}
                  <AttachmentList files={m.attachments} t={t} />
                </li>
              );
            })}
          </ol>
        </section>
        {ticket.can.reply ? (
          <>
            {!staffView && (ticket.status === "solved" || ticket.status === "pending") && (
              <p className="text-sm text-slate-700">{t("ticketPage.reopenHint")}</p>
            )}
            <ReplyForm
              ticketId={ticket.id}
              allowNote={ticket.can.note}
              version={ticket.version}
              staff={staffView}
              limits={limits}
              people={people}
            />
          </>
        ) : (
          ticket.status === "closed" && (
            <div className="space-y-2 rounded-md bg-slate-100 p-4 text-slate-800">
              <p>{t("ticket.closed")}</p>
              {!staffView && ticket.links.mergedInto === null && <FollowUpForm ticketId={ticket.id} />}
            </div>
          )
        )}
        {!staffView && ratingOpen && ticket.rating.openUntil !== null && (
          <Card className="space-y-2">
            <h2 className="text-lg font-semibold">{t("ticketLife.csat.title")}</h2>
            <CsatForm ticketId={ticket.id} initial={ticket.rating} openUntil={ticket.rating.openUntil} />
          </Card>
        )}
      </div>
      {sidebar && <aside className="space-y-4">{sidebar}</aside>}
    </div>
  );
}
