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
});

export interface Team {
  id: number;
  name: string;
  leadId: number | null;
  members: { id: number; name: string }[];
}

/** Every team with its members (for the filters, the team picker and the admin page). */
export async function findTeams(db: DB, ctx: RequestCtx): Promise<Team[]> {
  if (!can(ctx.actor, "inbox.view")) throw notFound();
  const [teams, members] = await Promise.all([
    db.selectFrom("teams").select(["id", "name", "lead_id"]).orderBy("name").execute(),
    db
      .selectFrom("team_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.team_id", "u.id", "u.name"])
      .orderBy("u.name")
      .execute(),
  ]);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    leadId: t.lead_id,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, name: m.name })),
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
      before = { name: row.name, leadId: row.lead_id, memberIds: old.map((m) => m.user_id) };
      await trx.updateTable("teams").set({ name: input.name, lead_id: input.leadId, updated_at: now }).where("id", "=", teamId).execute();
      await trx.deleteFrom("team_members").where("team_id", "=", teamId).execute();
    }
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
      after: { name: input.name, leadId: input.leadId, memberIds: members },
    });
    return { id: teamId };
  });
}
