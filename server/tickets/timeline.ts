import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { Actor } from "../context";
import { can } from "../auth/permissions";
import { fromJson } from "../db/json";
import { appendPendingAudits } from "../audit/record-audit";

/**
 * A ticket's timeline is read from the audit trail, not kept in a table of its own: every change to a
 * ticket already writes an audit event for it (entity "ticket") in the change's transaction, and the
 * index audit_entity_id (entity_type, entity_id, id) reads one ticket's events in order. One record, so
 * the timeline can never disagree with the audit. Links to incidents are audited on the incident, so they
 * come from incident_tickets. Events pruned by audit retention leave the timeline with them.
 *
 * The newest event id a reader may see is the ticket's version: the open page polls it to refresh itself,
 * and a reply carries the version it was written against (collision detection, add-message.ts).
 */

export interface TimelineEvent {
  /** "a<id>" for audit events, "i<incident>" for incident links. */
  key: string;
  /** The audit event id (0 for incident links). */
  id: number;
  action: string;
  at: number;
  actor: { id: number; name: string } | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Names of the people and things the event refers to (assignee ids, incident titles). */
  names: Record<string, string>;
}

/** What a customer sees of the timeline: the ticket's status and conversation, none of the desk's workings. */
const CUSTOMER_ACTIONS = [
  "ticket.created",
  "ticket.replied",
  "ticket.status_changed",
  "ticket.merged",
  "ticket.merged_into",
  "ticket.follow_up_of",
  "ticket.follow_up_opened",
  "ticket.rated",
];
/** Events that are already visible as messages in the conversation. */
export const MESSAGE_ACTIONS = new Set(["ticket.created", "ticket.replied", "ticket.note_added"]);

const MAX_EVENTS = 500;

function ticketEvents(executor: DB | Tx, actor: Actor | null, ticketId: number) {
  let q = executor.selectFrom("audit_events").where("entity_type", "=", "ticket").where("entity_id", "=", String(ticketId));
  if (!can(actor, "ticket.read.any")) q = q.where("action", "in", CUSTOMER_ACTIONS);
  return q;
}

/** The newest event id the actor may see on the ticket (0 if none). The caller has checked the actor sees the ticket. */
export async function ticketVersion(executor: DB | Tx, actor: Actor | null, ticketId: number): Promise<number> {
  // Inside a transaction, its own events are part of the version it reports.
  if (executor.isTransaction) await appendPendingAudits(executor as Tx);
  const r = await ticketEvents(executor, actor, ticketId)
    .select(sql<number | null>`max(id)`.as("v"))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** Events by others than `actor` after `afterId`: what changed since the actor loaded the ticket. */
export async function changesByOthers(executor: DB | Tx, actor: Actor, ticketId: number, afterId: number): Promise<number[]> {
  const rows = await ticketEvents(executor, actor, ticketId)
    .select("id")
    .where("id", ">", afterId)
    .where((eb) => eb.or([eb("actor_id", "is", null), eb("actor_id", "!=", actor.id)]))
    .orderBy("id")
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The ticket's events in order (after `afterId` if given), with the names they refer to. The caller has
 * checked that the actor may see the ticket.
 */
export async function readTimeline(db: DB, actor: Actor | null, ticketId: number, afterId = 0): Promise<TimelineEvent[]> {
  const locale = actor?.locale ?? "en";
  const rows = await ticketEvents(db, actor, ticketId)
    .leftJoin("users as u", "u.id", "audit_events.actor_id")
    .select(["audit_events.id", "action", "audit_events.created_at", "actor_id", "u.name as actor_name", "before_json", "after_json"])
    .where("audit_events.id", ">", afterId)
    .orderBy("audit_events.id")
    .limit(MAX_EVENTS)
    .execute();
  const events: TimelineEvent[] = rows.map((r) => ({
    key: `a${r.id}`,
    id: r.id,
    action: r.action,
    at: Number(r.created_at),
    actor: r.actor_id !== null ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
    before: fromJson<Record<string, unknown>>(r.before_json),
    after: fromJson<Record<string, unknown>>(r.after_json),
    names: {},
  }));

  if (can(actor, "ticket.read.any") && afterId === 0) {
    const links = await db
      .selectFrom("incident_tickets as it")
      .innerJoin("incidents as i", "i.id", "it.incident_id")
      .leftJoin("users as u", "u.id", "it.linked_by")
      .select(["it.incident_id", "it.created_at", "it.linked_by", "u.name as actor_name", "i.title"])
      .where("it.ticket_id", "=", ticketId)
      .execute();
    for (const l of links) {
      events.push({
        key: `i${l.incident_id}`,
        id: 0,
        action: "incident.ticket_linked",
        at: Number(l.created_at),
        actor: l.linked_by !== null ? { id: l.linked_by, name: l.actor_name ?? "" } : null,
        before: null,
        after: { incidentId: l.incident_id },
        names: { incident: l.title },
      });
    }
    events.sort((a, b) => a.at - b.at || a.id - b.id);
  }

  // Teams and categories are stored by id too (their tables come with the inbox, migration 0012).
  const teamIds = new Set<number>();
  const categoryIds = new Set<number>();
  for (const e of events) {
    if (typeof e.after?.teamId === "number") teamIds.add(e.after.teamId);
    if (typeof e.after?.categoryId === "number") categoryIds.add(e.after.categoryId);
  }
  if (teamIds.size > 0) {
    const teams = await db
      .selectFrom("teams")
      .select(["id", "name"])
      .where("id", "in", [...teamIds])
      .execute();
    for (const e of events) if (typeof e.after?.teamId === "number") e.names.team = teams.find((x) => x.id === e.after!.teamId)?.name ?? "";
  }
  if (categoryIds.size > 0) {
    const cats = await db
      .selectFrom("categories")
      .select(["id", "name_en", "name_ru"])
      .where("id", "in", [...categoryIds])
      .execute();
    for (const e of events) {
      const c = typeof e.after?.categoryId === "number" ? cats.find((x) => x.id === e.after!.categoryId) : undefined;
      if (c) e.names.category = locale === "ru" ? c.name_ru : c.name_en;
    }
  }

  // Assignees are stored by id: one read for all their names.
  const ids = new Set<number>();
  for (const e of events) {
    for (const side of [e.before, e.after]) if (typeof side?.assigneeId === "number") ids.add(side.assigneeId);
  }
  if (ids.size > 0) {
    const people = await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("id", "in", [...ids])
      .execute();
    const byId = new Map(people.map((p) => [p.id, p.name]));
    for (const e of events) {
      const to = e.after?.assigneeId;
      if (typeof to === "number") e.names.assignee = byId.get(to) ?? "";
    }
  }
  return events;
}

export interface TicketChanges {
  version: number;
  /** Events after the given version by anyone, oldest first; messages carry their text. */
  events: (TimelineEvent & { message?: { kind: string; body: string } })[];
}

/**
 * What happened on a ticket after `after` (a version the reader saw): for a reader whose reply was refused
 * as a collision, and for the open page to tell what is new. Notes stay hidden from readers who may not see them.
 */
export async function getChanges(db: DB, actor: Actor | null, ticketId: number, after: number): Promise<TicketChanges> {
  const [events, version] = await Promise.all([readTimeline(db, actor, ticketId, after), ticketVersion(db, actor, ticketId)]);
  const messageIds = events.map((e) => e.after?.messageId).filter((v): v is number => typeof v === "number");
  let mq = db.selectFrom("ticket_messages").select(["id", "kind", "body"]).where("ticket_id", "=", ticketId);
  if (!can(actor, "ticket.note")) mq = mq.where("kind", "=", "reply");
  const messages = messageIds.length ? await mq.where("id", "in", messageIds).execute() : [];
  const byId = new Map(messages.map((m) => [m.id, m]));
  return {
    version,
    events: events.map((e) => {
      const m = typeof e.after?.messageId === "number" ? byId.get(e.after.messageId) : undefined;
      return m ? { ...e, message: { kind: m.kind, body: m.body.length > 600 ? `${m.body.slice(0, 600)}…` : m.body } } : e;
    }),
  };
}
