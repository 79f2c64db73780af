import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { TicketPriority, TicketStatus } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { notFound } from "../errors";
import { matchTickets, searchPrefix, searchWords } from "../db/full-text";
import { ZInboxFilters } from "./filters";
import { applyFilters, type InboxQuery } from "./find-inbox-tickets";
import { teamIdsOf } from "./counts";
import { msg } from "@/lib/i18n";

export const ZSearchTickets = ZInboxFilters.extend({
  q: z.string().trim().min(1, msg("inbox.err.searchEmpty")).max(200, msg("inbox.err.searchLong")),
  view: ZInboxFilters.shape.view.default("all"),
  /** The number of results already shown (the previous page's nextCursor). */
  cursor: z.number().int().min(0).max(10_000).optional(),
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

// How many of the most relevant tickets the full-text index gives before the filters: enough for a few pages of
// 50 with selective filters, bounded so that a word found in every ticket costs the same as a rare one.
const CANDIDATES = 400;

/**
 * Staff search over subjects, descriptions and every message (replies and notes), English and Russian, with
 * the inbox's filters: the most relevant tickets first (the newest among equals). The cursor is the number
 * of results already shown; at most CANDIDATES tickets are found for one query.
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
  const candidates = await matchTickets(db, words, CANDIDATES);
  if (candidates.length === 0) return { items: [], nextCursor: null };
  const teams = input.view === "team" ? await teamIdsOf(db, actor.id) : [];
  const rows = await applyFilters(db.selectFrom("tickets as t") as unknown as InboxQuery, input, actor, teams, ctx.now())
    .select(["t.id", "t.subject", "t.description", "t.status", "t.priority", "t.updated_at", "t.requester_id"])
    .where("t.id", "in", candidates)
    .execute();
  const rank = new Map(candidates.map((id, i) => [id, i]));
  rows.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const skip = input.cursor ?? 0;
  const page = rows.slice(skip, skip + input.limit);
  const prefixes = words.map(searchPrefix);
  const [messages, names] = await Promise.all([
    page.length
      ? db
          .selectFrom("ticket_messages")
          .select(["ticket_id", "kind", "body"])
          .where(
            "ticket_id",
            "in",
            page.map((r) => r.id),
          )
          .orderBy("id", "desc")
          .execute()
      : [],
    page.length
      ? db
          .selectFrom("users")
          .select(["id", "name"])
          .where("id", "in", [...new Set(page.map((r) => r.requester_id))])
          .execute()
      : [],
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  const items = page.map((r) => {
    const best = bestSource(
      r.description,
      messages.filter((m) => m.ticket_id === r.id),
      prefixes,
    );
    return {
      id: r.id,
      subject: highlight(r.subject, prefixes),
      snippet: highlight(snippetAround(best.text, prefixes), prefixes),
      source: best.source,
      status: r.status,
      priority: r.priority,
      updatedAt: r.updated_at,
      requesterName: nameOf.get(r.requester_id) ?? "",
    };
  });
  const next = skip + page.length;
  return { items, nextCursor: next < rows.length ? next : null };
}

/** How many of the prefixes start some word of `text`. */
function prefixesFound(text: string, prefixes: string[]): number {
  const words = (text.toLowerCase().match(WORD) ?? []) as string[];
  return prefixes.filter((p) => words.some((w) => w.startsWith(p))).length;
}

/**
 * What the snippet quotes: the newest message holding every word, else the description when it holds them,
 * else whichever (description first, then the newest messages) holds the most of them.
 */
export function bestSource(
  description: string,
  messages: { kind: "reply" | "note"; body: string }[],
  prefixes: string[],
): { text: string; source: SearchHit["source"] } {
  let best: { text: string; source: SearchHit["source"] } = { text: description, source: "description" };
  let found = prefixesFound(description, prefixes);
  for (const m of messages) {
    const n = prefixesFound(m.body, prefixes);
    if (n === prefixes.length) return { text: m.body, source: m.kind };
    if (n > found && found < prefixes.length) {
      best = { text: m.body, source: m.kind };
      found = n;
    }
  }
  return best;
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
