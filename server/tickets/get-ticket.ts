import "server-only";
import type { DB } from "../db";
import type { MessageKind, Role, TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { canSeeNotes, ticketAbilities, type TicketAbilities } from "./access";
import { getVisibleTicketOrThrow } from "./load-ticket";

export interface TicketMessageView {
  id: number;
  kind: MessageKind;
  body: string;
  createdAt: number;
  author: { id: number; name: string; role: Role };
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
  messages: TicketMessageView[];
  can: TicketAbilities;
}

/** One ticket with its conversation. Internal notes are left out for anyone who may not see them. */
export async function getTicket(db: DB, ctx: RequestCtx, id: number): Promise<TicketView> {
  const t = await getVisibleTicketOrThrow(db, ctx.actor, id);
  const people = await db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("id", "in", [t.requester_id, t.assignee_id ?? t.requester_id])
    .execute();
  let mq = db
    .selectFrom("ticket_messages as m")
    .innerJoin("users as u", "u.id", "m.author_id")
    .select(["m.id", "m.kind", "m.body", "m.created_at", "u.id as author_id", "u.name as author_name", "u.role as author_role"])
    .where("m.ticket_id", "=", t.id)
    .orderBy("m.id");
  if (!canSeeNotes(ctx.actor)) mq = mq.where("m.kind", "=", "reply");
  const messages = await mq.execute();
  const requester = people.find((p) => p.id === t.requester_id)!;
  const assignee = t.assignee_id ? people.find((p) => p.id === t.assignee_id) : undefined;
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
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      createdAt: m.created_at,
      author: { id: m.author_id, name: m.author_name, role: m.author_role },
    })),
    can: ticketAbilities(ctx.actor, t),
  };
}
