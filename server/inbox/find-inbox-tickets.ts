import "server-only";
import { sql, type SelectQueryBuilder } from "kysely";
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
 * The WHERE clause of a list: the view's predicate (the leading columns of an index), then each filter.
 * `teams` are the actor's teams (My team); `now` places the SLA views. Exported for the capped count of saved
 * views and bulk actions.
 */
export function applyFilters<QB extends Q>(q: QB, f: TInboxFilters, actor: Actor, teams: number[], now: number): QB {
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
    w = w.where((eb) =>
      eb.exists(
        eb
          .selectFrom("ticket_tags as tt")
          .innerJoin("tags as g", "g.id", "tt.tag_id")
          .select(sql`1`.as("one"))
          .whereRef("tt.ticket_id", "=", "t.id")
          .where("g.name", "=", tag),
      ),
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

/** The list query without the page bounds: what the benchmark runs raw and EXPLAIN checks. */
export function listQuery(db: DB, f: TInboxFilters, actor: Actor, teams: number[], now: number = Date.now()) {
  let q = applyFilters(db.selectFrom("tickets as t") as unknown as Q, f, actor, teams, now).select([
    "t.id",
    "t.subject",
    "t.status",
    "t.priority",
    "t.priority_order",
    "t.created_at",
    "t.updated_at",
    "t.requester_id",
    "t.assignee_id",
    "t.team_id",
    "t.sla_due_order",
    "t.sla_due_at",
    "t.sla_warn_at",
    "t.sla_paused",
  ]);
  for (const [col, dir] of SORT_KEYS[listSort(f)]) q = q.orderBy(col, dir);
  return q;
}

/** The agent inbox: one page of a view with its filters, in the chosen order, after the cursor's key. */
export async function findInboxTickets(db: DB, ctx: RequestCtx, raw: TFindInbox): Promise<InboxPage> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw new AppError("NOT_FOUND", msg("err.notFound"));
  const input = ZFindInbox.parse(raw);
  const { cursor, limit, savedView, ...given } = input;
  const filters: TInboxFilters = savedView ? { ...(await getSavedViewFilters(db, actor, savedView)), ...definedOnly(given, raw) } : given;
  const teams = filters.view === "team" ? await teamIdsOf(db, actor.id) : [];
  const sort = listSort(filters);
  let q = listQuery(db, filters, actor, teams, ctx.now()).limit(limit + 1);
  if (cursor !== undefined) {
    const values = decodeCursor(sort, cursor);
    q = q.where((eb) => afterKey(eb as never, sort, values));
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const items = await describeRows(db, page);
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor(sort, last) : null, filters };
}

/** Only the keys the caller actually gave (zod fills defaults, which must not override a saved view's). */
function definedOnly(parsed: Partial<TInboxFilters>, raw: TFindInbox): Partial<TInboxFilters> {
  const given = raw as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => given[k] !== undefined));
}

/** Names for a page of rows: one read per kind of name, by primary key, for at most a page of ids. */
async function describeRows(
  db: DB,
  rows: {
    id: number;
    subject: string;
    status: TicketStatus;
    priority: TicketPriority;
    created_at: number;
    updated_at: number;
    requester_id: number;
    assignee_id: number | null;
    team_id: number | null;
    sla_due_at: number | null;
    sla_warn_at: number | null;
    sla_paused: number;
  }[],
): Promise<InboxItem[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => (r.assignee_id ? [r.requester_id, r.assignee_id] : [r.requester_id])))];
  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const [users, teams, tags] = await Promise.all([
    db.selectFrom("users").select(["id", "name", "email"]).where("id", "in", userIds).execute(),
    teamIds.length ? db.selectFrom("teams").select(["id", "name"]).where("id", "in", teamIds).execute() : Promise.resolve([]),
    db
      .selectFrom("ticket_tags as tt")
      .innerJoin("tags as g", "g.id", "tt.tag_id")
      .select(["tt.ticket_id", "g.name"])
      .where(
        "tt.ticket_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("g.name")
      .execute(),
  ]);
  const user = new Map(users.map((u) => [u.id, u]));
  const team = new Map(teams.map((t) => [t.id, t.name]));
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) tagsOf.set(t.ticket_id, [...(tagsOf.get(t.ticket_id) ?? []), t.name]);
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    requesterName: user.get(r.requester_id)?.name ?? "",
    requesterEmail: user.get(r.requester_id)?.email ?? "",
    assigneeName: r.assignee_id ? (user.get(r.assignee_id)?.name ?? null) : null,
    teamName: r.team_id ? (team.get(r.team_id) ?? null) : null,
    tags: tagsOf.get(r.id) ?? [],
    sla: { dueAt: r.sla_due_at, warnAt: r.sla_warn_at, paused: r.sla_paused === 1 },
  }));
}

/** How many tickets a filter set matches, up to `cap` (then the UI says "1,000+"): read through the list's index, never a full count. */
export async function countCapped(
  db: DB,
  actor: Actor,
  filters: TInboxFilters,
  cap = 1000,
  now: number = Date.now(),
): Promise<{ count: number; capped: boolean }> {
  const teams = filters.view === "team" ? await teamIdsOf(db, actor.id) : [];
  const inner = applyFilters(db.selectFrom("tickets as t") as unknown as Q, filters, actor, teams, now)
    .select("t.id")
    .limit(cap + 1);
  const row = await db
    .selectFrom(inner.as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), capped: n > cap };
}
