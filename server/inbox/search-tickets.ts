import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { matchMessages, matchTicketIds, searchPrefix, searchWords } from "../db/full-text";
import { ZInboxFilters } from "./filters";
import { applyFilters, type InboxQuery } from "./find-inbox-tickets";
import { teamIdsOf } from "./counts";
import { msg } from "@/lib/i18n";

export const ZSearchTickets = ZInboxFilters.extend({
  q: z.string().trim().min(1, msg("inbox.err.searchEmpty")).max(200, msg("inbox.err.searchLong")),
  view: ZInboxFilters.shape.view.default("all"),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type TSearchTickets = z.input<typeof ZSearchTickets>;

/** Text cut into plain and matched pieces: the page marks the matches without rendering any HTML from the data. */
export type Highlighted = { text: string; hit: boolean }[];

export interface SearchHit {
  id: number;
  subject: Highlighted;
  snippet: Highlighted;
  /** Where the snippet comes from. */
  source: "description" | "reply" | "note";
  status: TicketStatus;
  priority: TicketPriority;
  updatedAt: number;
  requesterName: string;
}

// How many of the newest matches each index contributes before the filters: enough for pages of 50 with
// selective filters, bounded so a word found in every ticket costs the same as a rare one.
const CANDIDATES = 400;

/**
 * Staff search over subjects, descriptions and every message (replies and notes), English and Russian, with
 * the inbox's filters; newest tickets first, pages continue below the last id.
 */
export async function searchTickets(
  db: DB,
  ctx: RequestCtx,
  raw: TSearchTickets,
): Promise<{ items: SearchHit[]; nextCursor: number | null }> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  const input = ZSearchTickets.parse(raw);
  const words = searchWords(input.q);
  if (words.length === 0) return { items: [], nextCursor: null };
  const [byTicket, byMessage] = await Promise.all([
    matchTicketIds(db, words, CANDIDATES, input.cursor),
    matchMessages(db, words, CANDIDATES, input.cursor),
  ]);
  const candidates = [...new Set([...byTicket, ...byMessage.map((m) => m.ticketId)])];
  if (candidates.length === 0) return { items: [], nextCursor: null };
  const teams = input.view === "team" ? await teamIdsOf(db, actor.id) : [];
  const rows = await applyFilters(db.selectFrom("tickets as t") as unknown as InboxQuery, input, actor, teams, ctx.now())
    .select(["t.id", "t.subject", "t.description", "t.status", "t.priority", "t.updated_at", "t.requester_id"])
    .where("t.id", "in", candidates)
    .orderBy("t.id", "desc")
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const messageOf = new Map<number, number>();
  for (const m of byMessage) if (!messageOf.has(m.ticketId)) messageOf.set(m.ticketId, m.id);
  const messageIds = page.flatMap((r) => (messageOf.has(r.id) ? [messageOf.get(r.id)!] : []));
  const messages = messageIds.length
    ? await db.selectFrom("ticket_messages").select(["id", "ticket_id", "kind", "body"]).where("id", "in", messageIds).execute()
    : [];
  const byTicketMessage = new Map(messages.map((m) => [m.ticket_id, m]));
  const requesterIds = [...new Set(page.map((r) => r.requester_id))];
  const names = new Map(
    requesterIds.length
      ? (await db.selectFrom("users").select(["id", "name"]).where("id", "in", requesterIds).execute()).map((u) => [u.id, u.name])
      : [],
  );
  const prefixes = words.map(searchPrefix);
  const items = page.map((r) => {
    const m = byTicketMessage.get(r.id);
    return {
      id: r.id,
      subject: highlight(r.subject, prefixes),
      snippet: highlight(snippetAround(m ? m.body : r.description, prefixes), prefixes),
      source: m ? m.kind : ("description" as const),
      status: r.status,
      priority: r.priority,
      updatedAt: r.updated_at,
      requesterName: names.get(r.requester_id) ?? "",
    };
  });
  // Candidates were capped: more may lie below the last id even when this page is short.
  const more = rows.length > input.limit || byTicket.length === CANDIDATES || byMessage.length === CANDIDATES;
  return { items, nextCursor: more && page.length ? page[page.length - 1].id : null };
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Marks every word that starts with one of the prefixes. */
export function highlight(text: string, prefixes: string[]): Highlighted {
  const out: Highlighted = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (!prefixes.some((p) => w.startsWith(p))) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/** About 200 characters of `text` around its first match. */
export function snippetAround(text: string, prefixes: string[], width = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  let at = 0;
  for (const m of flat.matchAll(WORD)) {
    if (prefixes.some((p) => m[0].toLowerCase().startsWith(p))) {
      at = m.index;
      break;
    }
  }
  const start = Math.max(0, at - 60);
  const cut = flat.slice(start, start + width);
  return `${start > 0 ? "…" : ""}${cut}${start + width < flat.length ? "…" : ""}`;
}
