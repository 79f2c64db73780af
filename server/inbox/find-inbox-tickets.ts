import "server-only";
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { DB } from "../db";
import type { Database, TicketPriority, TicketStatus } from "../db/schema";
import type { Actor, RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";
import { TICKET_PRIORITIES } from "@/lib/tickets";
import { isSlaView, SLA_DUE_SOON_MS, ZFindInbox, type TFindInbox, type TInboxFilters } from "./filters";
import { afterKey, decodeCursor, encodeCursor, SORT_KEYS, type ListSort } from "./sorts";
import { teamIdsOf } from "./counts";
import { getSavedViewFilters } from "./saved-views";

export interface InboxItem {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  createdAt: number;
  updatedAt: number;
  requesterName: string;
  requesterEmail: string;
  assigneeName: string | null;
  teamName: string | null;
  tags: string[];
  /** The ticket's running SLA clock: due and amber times (null: none running), and whether its clocks are paused. */
  sla: { dueAt: number | null; warnAt: number | null; paused: boolean };
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
  /** The filters the page was read with (a saved view's, plus any given). */
  filters: TInboxFilters;
}

export type InboxQuery = SelectQueryBuilder<Database & { t: Database["tickets"] }, "t", object>;
type Q = InboxQuery;

/** A priority as the generated column that the indexes hold (0 urgent … 3 low). */
const priorityOrder = (p: TicketPriority) => 3 - TICKET_PRIORITIES.indexOf(p);

/**
 * How a tag filter is read. "probe": the list walks its own index and looks each ticket's tag up by primary key,
 * stopping after a page (right when the tag is common: a page is found after a few hundred tickets). "drive":
 * the tag's tickets are read from the tag's index and sorted (right when the tag is rare: walking the list
 * could read the whole view to find a page). tagMode decides from the tag's size.
 */
export type TagMode = "probe" | "drive";

/** Above this many tickets a tag is common (about the square root of 26 x a million: both ways read as many rows there). */
export const RARE_TAG_TICKETS = 2000;

/** The way to read a list filtered by `tag` (see TagMode): one read of at most RARE_TAG_TICKETS + 1 index entries. */
export async function tagMode(db: DB, tag: string | undefined): Promise<TagMode> {
  if (!tag) return "probe";
  const tagged = db
    .selectFrom("ticket_tags as tt")
    .innerJoin("tags as g", "g.id", "tt.tag_id")
    .select("tt.ticket_id")
    .where("g.name", "=", tag)
    .limit(RARE_TAG_TICKETS + 1);
  const row = await db
    .selectFrom(tagged.as("s"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) > RARE_TAG_TICKETS ? "probe" : "drive";
}

/**
 * The WHERE clause of a list: the view's predicate (the leading columns of an index), then each filter.
 * `teams` are the actor's teams (My team); `now` places the SLA views; `tags` says how a tag filter is read.
 * Exported for the capped count of saved views and for search.
 */
export function applyFilters<QB extends Q>(
  q: QB,
  f: TInboxFilters,
  actor: Actor,
  teams: number[],
  now: number,
  tags: TagMode = "probe",
): QB {
  let w = q as Q;
  switch (f.view) {
    case "due_soon":
      w = w.where("t.sla_due_order", ">", now).where("t.sla_due_order", "<=", now + SLA_DUE_SOON_MS);
      break;
    case "breached":
      w = w.where("t.sla_due_order", "<=", now);
      break;
    case "mine":
      w = w.where("t.assignee_id", "=", actor.id).where("t.is_open", "=", 1);
      break;
    case "unassigned":
      w = w.where("t.assignee_id", "is", null).where("t.is_open", "=", 1);
      break;
    case "team":
      w = teams.length ? w.where("t.team_id", "in", teams).where("t.is_open", "=", 1) : w.where(sql<boolean>`1 = 0`);
      break;
    case "open":
      w = w.where("t.is_open", "=", 1);
      break;
    case "pending":
    case "on_hold":
    case "solved":
      w = w.where("t.status", "=", f.view);
      break;
    case "all":
      break;
  }
  if (f.status) w = w.where("t.status", "=", f.status);
  if (f.priority) w = w.where("t.priority_order", "=", priorityOrder(f.priority));
  if (f.assignee === "none") w = w.where("t.assignee_id", "is", null);
  else if (f.assignee) w = w.where("t.assignee_id", "=", f.assignee);
  if (f.team) w = w.where("t.team_id", "=", f.team);
  if (f.category) w = w.where("t.category_id", "=", f.category);
  if (f.tag) {
    const tag = f.tag;
    const tagged = (eb: ExpressionBuilder<Database & { t: Database["tickets"] }, "t">) =>
      eb.selectFrom("ticket_tags as tt").innerJoin("tags as g", "g.id", "tt.tag_id").where("g.name", "=", tag);
    // A scalar subquery, not EXISTS: MariaDB turns EXISTS and IN into a semi-join driven from the tag (1.9 s for
    // a page of a common tag at a million tickets) whatever the LIMIT.
    w =
      tags === "drive"
        ? w.where("t.id", "in", (eb) => tagged(eb).select("tt.ticket_id"))
        : w.where(
            (eb) =>
              tagged(eb)
                .select((e) => e.fn.countAll<number>().as("n"))
                .whereRef("tt.ticket_id", "=", "t.id"),
            ">",
            0,
          );
  }
  if (f.requester) {
    const r = f.requester;
    w = r.includes("@")
      ? w.where("t.requester_id", "in", (eb) => eb.selectFrom("users").select("id").where("email", "=", r))
      : w.where("t.requester_id", "in", (eb) =>
          eb.selectFrom("users").select("id").where(sql.ref("email_domain"), "=", r.replace(/^@/, "")),
        );
  }
  if (f.createdFrom !== undefined) w = w.where("t.created_at", ">=", f.createdFrom);
  if (f.createdTo !== undefined) w = w.where("t.created_at", "<", f.createdTo);
  if (f.updatedFrom !== undefined) w = w.where("t.updated_at", ">=", f.updatedFrom);
  if (f.updatedTo !== undefined) w = w.where("t.updated_at", "<", f.updatedTo);
  return w as QB;
}

/** The order a list is read in: the SLA views always by due time. */
export const listSort = (f: TInboxFilters): ListSort => (isSlaView(f.view) ? "due" : f.sort);

/**
 * The list query without the page bounds: what the benchmark runs raw and EXPLAIN checks. The names on a row
 * (requester, assignee, team) are joined by primary key and its tags gathered by a subquery per row shown, in
 * the same statement: one round trip per page.
 */
export function listQuery(db: DB, f: TInboxFilters, actor: Actor, teams: number[], now: number = Date.now(), tags: TagMode = "probe") {
  let q = applyFilters(db.selectFrom("tickets as t") as unknown as Q, f, actor, teams, now, tags)
    .leftJoin("users as r", "r.id", "t.requester_id")
    .leftJoin("users as a", "a.id", "t.assignee_id")
    .leftJoin("teams as tm", "tm.id", "t.team_id")
    .select([
      "t.id",
      "t.subject",
      "t.status",
      "t.priority",
      "t.priority_order",
      "t.created_at",
      "t.updated_at",
      "t.sla_due_order",
      "t.sla_due_at",
      "t.sla_warn_at",
      "t.sla_paused",
      "r.name as requester_name",
      "r.email as requester_email",
      "a.name as assignee_name",
      "tm.name as team_name",
    ])
    .select((eb) =>
      eb
        .selectFrom("ticket_tags as tt")
        .innerJoin("tags as g", "g.id", "tt.tag_id")
        // Both engines join with "," by default; a tag name never holds one (server/taxonomy/tags.ts).
        .select(sql<string | null>`group_concat(g.name)`.as("names"))
        .whereRef("tt.ticket_id", "=", "t.id")
        .as("tag_names"),
    );
  for (const [col, dir] of SORT_KEYS[listSort(f)]) q = q.orderBy(col, dir);
  return q;
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>["execute"]>>[number];

/** The agent inbox: one page of a view with its filters, in the chosen order, after the cursor's key. */
export async function findInboxTickets(db: DB, ctx: RequestCtx, raw: TFindInbox): Promise<InboxPage> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw new AppError("NOT_FOUND", msg("err.notFound"));
  const input = ZFindInbox.parse(raw);
  const { cursor, limit, savedView, ...given } = input;
  const filters: TInboxFilters = savedView ? { ...(await getSavedViewFilters(db, actor, savedView)), ...definedOnly(given, raw) } : given;
  const [teams, tags] = await Promise.all([filters.view === "team" ? teamIdsOf(db, actor.id) : [], tagMode(db, filters.tag)]);
  const sort = listSort(filters);
  let q = listQuery(db, filters, actor, teams, ctx.now(), tags).limit(limit + 1);
  if (cursor !== undefined) {
    const values = decodeCursor(sort, cursor);
    q = q.where((eb) => afterKey(eb as never, sort, values));
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toItem), nextCursor: rows.length > limit ? encodeCursor(sort, last) : null, filters };
}

/** Only the keys the caller actually gave (zod fills defaults, which must not override a saved view's). */
function definedOnly(parsed: Partial<TInboxFilters>, raw: TFindInbox): Partial<TInboxFilters> {
  const given = raw as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => given[k] !== undefined));
}

function toItem(r: ListRow): InboxItem {
  return {
    id: r.id,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    requesterName: r.requester_name ?? "",
    requesterEmail: r.requester_email ?? "",
    assigneeName: r.assignee_name ?? null,
    teamName: r.team_name ?? null,
    tags: r.tag_names ? r.tag_names.split(",").sort() : [],
    sla: { dueAt: r.sla_due_at, warnAt: r.sla_warn_at, paused: r.sla_paused === 1 },
  };
}

/** How many tickets a filter set matches, up to `cap` (then the UI says "1,000+"): read through the list's index, never a full count. */
export async function countCapped(
  db: DB,
  actor: Actor,
  filters: TInboxFilters,
  cap = 1000,
  now: number = Date.now(),
): Promise<{ count: number; capped: boolean }> {
  const [teams, tags] = await Promise.all([filters.view === "team" ? teamIdsOf(db, actor.id) : [], tagMode(db, filters.tag)]);
  const inner = applyFilters(db.selectFrom("tickets as t") as unknown as Q, filters, actor, teams, now, tags)
    .select("t.id")
    .limit(cap + 1);
  const row = await db
    .selectFrom(inner.as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), capped: n > cap };
}
