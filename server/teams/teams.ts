import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { ASSIGNEE_ROLES } from "../tickets/access";
import { msg } from "@/lib/i18n";

const id = z.number().int().positive();
export const ZSaveTeam = z.object({
  id: id.optional(),
  name: z.string().trim().min(2, msg("inbox.err.teamName")).max(80, msg("inbox.err.teamNameLong")),
  leadId: id.nullable().default(null),
  memberIds: z.array(id).max(500).default([]),
  /** New tickets routed to the team go round-robin to its available members. */
  autoAssign: z.boolean().optional(),
  /** Open tickets a member may hold before round-robin passes them over; null: no team cap. */
  openCap: z.number().int().min(1, msg("routing.err.cap")).max(10_000, msg("routing.err.cap")).nullable().optional(),
});

export interface Team {
  id: number;
  name: string;
  leadId: number | null;
  members: { id: number; name: string; away: boolean; openCap: number | null }[];
  autoAssign: boolean;
  openCap: number | null;
}

/** Every team with its members (for the filters, the team picker and the admin page). */
export async function findTeams(db: DB, ctx: RequestCtx): Promise<Team[]> {
  if (!can(ctx.actor, "inbox.view")) throw notFound();
  const [teams, members] = await Promise.all([
    db
      .selectFrom("teams")
      .leftJoin("team_routing as r", "r.team_id", "teams.id")
      .select(["teams.id", "teams.name", "teams.lead_id", "r.auto_assign", "r.open_cap"])
      .orderBy("teams.name")
      .execute(),
    db
      .selectFrom("team_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .leftJoin("agent_status as s", "s.user_id", "m.user_id")
      .select(["m.team_id", "u.id", "u.name", "s.away", "s.open_cap"])
      .orderBy("u.name")
      .execute(),
  ]);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    leadId: t.lead_id,
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ id: m.id, name: m.name, away: m.away === 1, openCap: m.open_cap ?? null })),
    autoAssign: t.auto_assign !== 0,
    openCap: t.open_cap ?? null,
  }));
}

async function checkStaff(trx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom("users")
    .select("id")
    .where("id", "in", ids)
    .where("role", "in", ASSIGNEE_ROLES)
    .where("disabled", "=", 0)
    .execute();
  if (found.length !== new Set(ids).size) throw new AppError("INVALID_INPUT", msg("inbox.err.teamMember"), "memberIds");
}

/** Creates or changes a team: its name, lead and members (team.manage), audited with the before and after. */
export async function saveTeam(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSaveTeam>): Promise<{ id: number }> {
  if (!can(ctx.actor, "team.manage")) throw notFound();
  const input = ZSaveTeam.parse(raw);
  const members = [...new Set([...input.memberIds, ...(input.leadId ? [input.leadId] : [])])].sort((a, b) => a - b);
  const now = ctx.now();
  return transact(db, async (trx) => {
    await checkStaff(trx, members);
    const clash = await trx.selectFrom("teams").select("id").where("name", "=", input.name).executeTakeFirst();
    if (clash && clash.id !== input.id) throw new AppError("CONFLICT", msg("inbox.err.teamTaken"), "name");
    let teamId = input.id;
    let before: object | undefined;
    if (teamId === undefined) {
      const res = await trx
        .insertInto("teams")
        .values({ name: input.name, lead_id: input.leadId, created_at: now, updated_at: now })
        .executeTakeFirstOrThrow();
      teamId = Number(res.insertId);
    } else {
      const row = await trx.selectFrom("teams").selectAll().where("id", "=", teamId).executeTakeFirst();
      if (!row) throw notFound();
      const old = await trx.selectFrom("team_members").select("user_id").where("team_id", "=", teamId).orderBy("user_id").execute();
      const routing = await trx
        .selectFrom("team_routing")
        .select(["auto_assign", "open_cap"])
        .where("team_id", "=", teamId)
        .executeTakeFirst();
      before = {
        name: row.name,
        leadId: row.lead_id,
        memberIds: old.map((m) => m.user_id),
        autoAssign: routing ? routing.auto_assign === 1 : true,
        openCap: routing?.open_cap ?? null,
      };
      await trx.updateTable("teams").set({ name: input.name, lead_id: input.leadId, updated_at: now }).where("id", "=", teamId).execute();
      await trx.deleteFrom("team_members").where("team_id", "=", teamId).execute();
    }
    // Routing settings left out of the input stay as they were (a new team: automatic, no cap).
    const was = before as { autoAssign: boolean; openCap: number | null } | undefined;
    const autoAssign = input.autoAssign ?? was?.autoAssign ?? true;
    const openCap = input.openCap === undefined ? (was?.openCap ?? null) : input.openCap;
    const routed = await trx.selectFrom("team_routing").select("team_id").where("team_id", "=", teamId).executeTakeFirst();
    if (routed)
      await trx
        .updateTable("team_routing")
        .set({ auto_assign: autoAssign ? 1 : 0, open_cap: openCap, updated_at: now })
        .where("team_id", "=", teamId)
        .execute();
    else
      await trx
        .insertInto("team_routing")
        .values({ team_id: teamId, auto_assign: autoAssign ? 1 : 0, open_cap: openCap, last_user_id: null, updated_at: now })
        .execute();
    if (members.length)
      await trx
        .insertInto("team_members")
        .values(members.map((user_id) => ({ team_id: teamId!, user_id, created_at: now })))
        .execute();
    await recordAudit(trx, ctx, {
      action: before ? "team.updated" : "team.created",
      entityType: "team",
      entityId: teamId,
      before,
      after: { name: input.name, leadId: input.leadId, memberIds: members, autoAssign, openCap },
    });
    return { id: teamId };
  });
}
