import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { InboxCountScope } from "../db/schema";
import type { Actor } from "../context";
import { SLA_DUE_SOON_MS } from "./filters";
import { OPEN_STATUSES } from "@/lib/tickets";

/** The built-in views that show a count, in the order of the sidebar. */
export const COUNTED_VIEWS = ["mine", "unassigned", "team", "open", "pending", "on_hold", "solved"] as const;
export type CountedView = (typeof COUNTED_VIEWS)[number];
export type ViewCounts = Record<CountedView, number>;

/** The teams the actor belongs to (My team is the union of them). */
export async function teamIdsOf(db: DB | Tx, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("team_members").select("team_id").where("user_id", "=", userId).orderBy("team_id").execute();
  return rows.map((r) => r.team_id);
}

/** The counters the sidebar sums: every "all" row, the actor's and the unassigned rows, and the actor's teams' (one statement). */
export function countersQuery(db: DB, actorId: number) {
  return db
    .selectFrom("inbox_counts")
    .select(["scope", "scope_id", "status", (eb) => eb.fn.sum<number>("n").as("n")])
    .where((eb) =>
      eb.or([
        eb("scope", "=", "all"),
        eb.and([eb("scope", "=", "assignee"), eb("scope_id", "in", [actorId, 0])]),
        eb.and([
          eb("scope", "=", "team"),
          eb("scope_id", "in", eb.selectFrom("team_members").select("team_id").where("user_id", "=", actorId)),
        ]),
      ]),
    )
    .groupBy(["scope", "scope_id", "status"]);
}

/**
 * The sidebar counts, read from the counters the triggers keep (a few dozen rows whatever the number of
 * tickets), never from `tickets`.
 */
export async function readViewCounts(db: DB, actor: Actor): Promise<ViewCounts> {
  const rows = await countersQuery(db, actor.id).execute();
  const open = new Set<string>(OPEN_STATUSES);
  const counts: ViewCounts = { mine: 0, unassigned: 0, team: 0, open: 0, pending: 0, on_hold: 0, solved: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.scope === "all") {
      if (open.has(r.status)) counts.open += n;
      if (r.status === "pending") counts.pending += n;
      if (r.status === "on_hold") counts.on_hold += n;
      if (r.status === "solved") counts.solved += n;
    } else if (r.scope === "assignee" && open.has(r.status)) {
      if (r.scope_id === actor.id) counts.mine += n;
      else counts.unassigned += n;
    } else if (r.scope === "team" && open.has(r.status)) counts.team += n;
  }
  return counts;
}

export interface CounterRow {
  scope: InboxCountScope;
  scopeId: number;
  status: string;
  n: number;
}

/** Every non-zero counter, slots summed, in a stable order: what the triggers kept. */
export async function readCounters(db: DB): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom("inbox_counts")
    .select(["scope", "scope_id", "status", (eb) => eb.fn.sum<number>("n").as("n")])
    .groupBy(["scope", "scope_id", "status"])
    .execute();
  return rows
    .map((r) => ({ scope: r.scope, scopeId: Number(r.scope_id), status: r.status, n: Number(r.n) }))
    .filter((r) => r.n !== 0)
    .sort(byKey);
}

function byKey(a: CounterRow, b: CounterRow): number {
  return a.scope.localeCompare(b.scope) || a.scopeId - b.scopeId || a.status.localeCompare(b.status);
}

/** The same counters counted from `tickets` (a full scan: for tests, repairs and the benchmark's loader). */
export async function recountCounters(db: DB | Tx): Promise<CounterRow[]> {
  const out: CounterRow[] = [];
  const all = await db
    .selectFrom("tickets")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  for (const r of all) out.push({ scope: "all", scopeId: 0, status: r.status, n: Number(r.n) });
  const scopes: [InboxCountScope, ReturnType<typeof sql<number>>][] = [
    ["assignee", sql<number>`coalesce(assignee_id, 0)`],
    ["team", sql<number>`coalesce(team_id, 0)`],
  ];
  for (const [scope, id] of scopes) {
    const rows = await db
      .selectFrom("tickets")
      .select([id.as("scope_id"), "status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy([id, "status"])
      .execute();
    for (const r of rows) out.push({ scope, scopeId: Number(r.scope_id), status: r.status, n: Number(r.n) });
  }
  return out.sort(byKey);
}

/** Rebuilds the counters from `tickets` in one transaction (after a bulk load that bypassed nothing, this is a no-op). */
export async function rebuildCounters(trx: Tx): Promise<void> {
  await trx.deleteFrom("inbox_counts").execute();
  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'all', 0, status, id % 8, count(*) from tickets group by status, id % 8`.execute(trx);
  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'assignee', coalesce(assignee_id, 0), status, id % 8, count(*) from tickets group by coalesce(assignee_id, 0), status, id % 8`.execute(
    trx,
  );
  await sql`insert into inbox_counts (scope, scope_id, status, slot, n)
    select 'team', coalesce(team_id, 0), status, id % 8, count(*) from tickets group by coalesce(team_id, 0), status, id % 8`.execute(trx);
}

/** Above this the SLA views' counts read "1,000+". */
export const SLA_COUNT_CAP = 1000;

/**
 * The counts of the SLA views. Their membership changes with the clock, not only with writes, so no counter kept
 * by a trigger can hold them: each is a capped count over a range of the `sla_due_order` index (at most
 * SLA_COUNT_CAP + 1 index entries read, whatever the number of tickets), like the capped counts of saved views.
 */
export async function readSlaCounts(db: DB, now: number): Promise<Record<"due_soon" | "breached", { count: number; capped: boolean }>> {
  const capped = async (from: number | null, to: number) => {
    let inner = db.selectFrom("tickets").select("id").where("sla_due_order", "<=", to);
    if (from !== null) inner = inner.where("sla_due_order", ">", from);
    const row = await db
      .selectFrom(inner.limit(SLA_COUNT_CAP + 1).as("m"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    return { count: Math.min(n, SLA_COUNT_CAP), capped: n > SLA_COUNT_CAP };
  };
  const [dueSoon, breached] = await Promise.all([capped(now, now + SLA_DUE_SOON_MS), capped(null, now)]);
  return { due_soon: dueSoon, breached };
}
