import "server-only";
import { forUpdate, type Tx } from "../db/dialect";
import { ASSIGNEE_ROLES } from "../tickets/access";
import { OPEN_STATUSES } from "@/lib/tickets";

export interface TeamRouting {
  autoAssign: boolean;
  openCap: number | null;
  lastUserId: number | null;
}

/**
 * The team's routing row, created with the defaults when the team has none yet. A locking read: on MariaDB a plain
 * read would see the transaction's snapshot, taken before this transaction waited for the team's lock.
 */
async function routingOf(trx: Tx, teamId: number, now: number): Promise<TeamRouting> {
  const row = await forUpdate(
    trx,
    trx.selectFrom("team_routing").select(["auto_assign", "open_cap", "last_user_id"]).where("team_id", "=", teamId),
  ).executeTakeFirst();
  if (row) return { autoAssign: row.auto_assign === 1, openCap: row.open_cap, lastUserId: row.last_user_id };
  await trx
    .insertInto("team_routing")
    .values({ team_id: teamId, auto_assign: 1, open_cap: null, last_user_id: null, updated_at: now })
    .execute();
  return { autoAssign: true, openCap: null, lastUserId: null };
}

/** The smaller of the agent's own cap and the team's; null when neither is set. */
export function effectiveCap(own: number | null, team: number | null): number | null {
  if (own === null) return team;
  if (team === null) return own;
  return Math.min(own, team);
}

/**
 * The next member after `lastUserId` (by id, wrapping around) among `candidates` in id order: the round-robin
 * step itself, pure so that its fairness is tested on its own.
 */
export function nextInTurn(candidates: readonly number[], lastUserId: number | null): number | null {
  if (candidates.length === 0) return null;
  if (lastUserId === null) return candidates[0];
  return candidates.find((id) => id > lastUserId) ?? candidates[0];
}

/**
 * Picks who in `teamId` gets the next ticket: members that are active staff, not away and under their cap of open
 * tickets, taken in turn. The team's row is locked first (MariaDB: FOR UPDATE; SQLite has one writer), so two
 * tickets created at once never read the same turn: the second waits for the first to commit its pointer.
 * Returns null (and moves no pointer) when the team assigns nothing automatically or nobody is eligible.
 */
export async function pickAssignee(
  trx: Tx,
  teamId: number,
  now: number,
  opts: { exclude?: readonly number[] } = {},
): Promise<number | null> {
  const team = await forUpdate(trx, trx.selectFrom("teams").select("id").where("id", "=", teamId)).executeTakeFirst();
  if (!team) return null;
  const routing = await routingOf(trx, teamId, now);
  if (!routing.autoAssign) return null;
  const members = await trx
    .selectFrom("team_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("agent_status as s", "s.user_id", "m.user_id")
    .select(["u.id", "s.away", "s.open_cap"])
    .where("m.team_id", "=", teamId)
    .where("u.disabled", "=", 0)
    .where("u.role", "in", ASSIGNEE_ROLES)
    .orderBy("u.id")
    .execute();
  const exclude = new Set(opts.exclude ?? []);
  const present = members.filter((m) => !m.away && !exclude.has(m.id));
  const capped = present.filter((m) => effectiveCap(m.open_cap ?? null, routing.openCap) !== null);
  const open = new Map<number, number>();
  if (capped.length) {
    // The view counters (kept by triggers in the writing transactions) hold each agent's open tickets: no scan.
    // Locking read, for the same reason as the routing row: the latest counts, not the snapshot's.
    const rows = await forUpdate(
      trx,
      trx
        .selectFrom("inbox_counts")
        .select(["scope_id", (eb) => eb.fn.sum<number>("n").as("n")])
        .where("scope", "=", "assignee")
        .where(
          "scope_id",
          "in",
          capped.map((m) => m.id),
        )
        .where("status", "in", [...OPEN_STATUSES])
        .groupBy("scope_id"),
    ).execute();
    for (const r of rows) open.set(r.scope_id, Number(r.n));
  }
  const eligible = present.filter((m) => {
    const cap = effectiveCap(m.open_cap ?? null, routing.openCap);
    return cap === null || (open.get(m.id) ?? 0) < cap;
  });
  const chosen = nextInTurn(
    eligible.map((m) => m.id),
    routing.lastUserId,
  );
  if (chosen !== null)
    await trx.updateTable("team_routing").set({ last_user_id: chosen, updated_at: now }).where("team_id", "=", teamId).execute();
  return chosen;
}
