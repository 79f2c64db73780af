import "server-only";
import type { DB } from "../db";
import type { MessageKind, Role, TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { canSeeNotes, ticketAbilities, type TicketAbilities } from "./access";
import { getVisibleTicketOrThrow } from "./load-ticket";
import { findTicketAttachments, type AttachmentView } from "../attachments/attachments";
import { MESSAGE_ACTIONS, readTimeline, ticketVersion, type TimelineEvent } from "./timeline";
import { readTicketLinks, type TicketLinks } from "../ticket-life/links";
import { readRating, type RatingView } from "../ticket-life/csat";

export interface TicketMessageView {
  id: number;
  kind: MessageKind;
  body: string;
  createdAt: number;
  author: { id: number; name: string; role: Role };
  attachments: AttachmentView[];
}

export interface RequesterTicket {
  id: number;
  subject: string;
  status: TicketStatus;
  updatedAt: number;
}

export interface TicketView {
  id: number;
  subject: string;
  description: string;
  steps: string;
  expected: string;
  actual: string;
  pageUrl: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: number;
  updatedAt: number;
  firstResponseAt: number | null;
  requester: { id: number; name: string; email: string };
  assignee: { id: number; name: string } | null;
  /** Files sent with the ticket itself (its first message). */
  attachments: AttachmentView[];
  messages: TicketMessageView[];
  /** Changes to the ticket that are not messages (status, assignee, …), for the conversation's timeline. */
  events: TimelineEvent[];
  /** The newest event the reader may see: what a reply is written against, and what the page polls. */
  version: number;
  /** Staff only: the requester's latest other tickets. */
  requesterTickets: RequesterTicket[];
  /** Staff only: the open tickets before and after this one in the inbox's newest-first order (keyboard j/k). */
  neighbours: { previous: number | null; next: number | null };
  can: TicketAbilities;
  /** Merges and follow-ups: a merged ticket answers with `links.mergedInto`, the ticket that took its conversation. */
  links: TicketLinks;
  /** The customer's satisfaction rating and until when it may be given or changed. */
  rating: RatingView;
}

/** One ticket with its conversation. Internal notes (and their files) are left out for anyone who may not see them. */
export async function getTicket(db: DB, ctx: RequestCtx, id: number): Promise<TicketView> {
  const t = await getVisibleTicketOrThrow(db, ctx.actor, id);
  const staff = can(ctx.actor, "ticket.read.any");
  let mq = db
    .selectFrom("ticket_messages as m")
    .innerJoin("users as u", "u.id", "m.author_id")
    .select(["m.id", "m.kind", "m.body", "m.created_at", "u.id as author_id", "u.name as author_name", "u.role as author_role"])
    .where("m.ticket_id", "=", t.id)
    // In time order: messages merged in from another ticket keep the times they were written at.
    .orderBy("m.created_at")
    .orderBy("m.id");
  if (!canSeeNotes(ctx.actor)) mq = mq.where("m.kind", "=", "reply");
  const neighbour = (dir: "newer" | "older") =>
    db
      .selectFrom("tickets")
      .select("id")
      .where("is_open", "=", 1)
      .where("id", dir === "newer" ? ">" : "<", t.id)
      .orderBy("id", dir === "newer" ? "asc" : "desc")
      .limit(1)
      .executeTakeFirst();
  const [people, messages, files, timeline, version, others, newer, older, links, rating] = await Promise.all([
    db
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("id", "in", [t.requester_id, t.assignee_id ?? t.requester_id])
      .execute(),
    mq.execute(),
    findTicketAttachments(db, t.id),
    readTimeline(db, ctx.actor, t.id),
    ticketVersion(db, ctx.actor, t.id),
    staff
      ? db
          .selectFrom("tickets")
          .select(["id", "subject", "status", "updated_at"])
          .where("requester_id", "=", t.requester_id)
          .where("id", "!=", t.id)
          .orderBy("id", "desc")
          .limit(10)
          .execute()
      : Promise.resolve([]),
    staff ? neighbour("newer") : undefined,
    staff ? neighbour("older") : undefined,
    readTicketLinks(db, t.id),
    readRating(db, t.id),
  ]);
  const requester = people.find((p) => p.id === t.requester_id)!;
  const assignee = t.assignee_id ? people.find((p) => p.id === t.assignee_id) : undefined;
  const filesOf = (messageId: number | null) => files.filter((f) => f.messageId === messageId).map(({ messageId: _, ...f }) => f);
  return {
    id: t.id,
    subject: t.subject,
    description: t.description,
    steps: t.steps,
    expected: t.expected,
    actual: t.actual,
    pageUrl: t.page_url,
    status: t.status,
    priority: t.priority,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    firstResponseAt: t.first_response_at,
    requester: { id: requester.id, name: requester.name, email: requester.email },
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    attachments: filesOf(null),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      createdAt: m.created_at,
      author: { id: m.author_id, name: m.author_name, role: m.author_role },
      attachments: filesOf(m.id),
    })),
    events: timeline.filter((e) => !MESSAGE_ACTIONS.has(e.action)),
    version,
    requesterTickets: others.map((o) => ({ id: o.id, subject: o.subject, status: o.status, updatedAt: o.updated_at })),
    neighbours: { previous: newer?.id ?? null, next: older?.id ?? null },
    can: ticketAbilities(ctx.actor, t),
    links,
    rating,
  };
}
