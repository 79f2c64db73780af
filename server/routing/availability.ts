import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { ASSIGNEE_ROLES } from "../tickets/access";
import { msg } from "@/lib/i18n";

export const ZSetAgentStatus = z
  .object({
    /** Someone else (team.manage); left out: the caller. */
    userId: z.number().int().positive().optional(),
    away: z.boolean().optional(),
    /** Their own cap of open tickets (team.manage); null: none. */
    openCap: z.number().int().min(1, msg("routing.err.cap")).max(10_000, msg("routing.err.cap")).nullable().optional(),
  })
  .refine((v) => v.away !== undefined || v.openCap !== undefined, msg("err.nothingToChange"));

export interface AgentStatus {
  userId: number;
  away: boolean;
  openCap: number | null;
}

/** The caller's availability (staff only). */
export async function getMyStatus(db: DB, ctx: RequestCtx): Promise<AgentStatus> {
  if (!ctx.actor || !can(ctx.actor, "inbox.view")) throw notFound();
  const row = await db.selectFrom("agent_status").select(["away", "open_cap"]).where("user_id", "=", ctx.actor.id).executeTakeFirst();
  return { userId: ctx.actor.id, away: row?.away === 1, openCap: row?.open_cap ?? null };
}

/**
 * An agent sets themselves away or back (round-robin passes over them while away); a lead sets anyone's
 * availability and their own cap of open tickets. Audited as agent.away / agent.available / agent.cap_changed.
 */
export async function setAgentStatus(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetAgentStatus>): Promise<AgentStatus> {
  const actor = ctx.actor;
  if (!actor || !can(actor, "inbox.view")) throw notFound();
  const input = ZSetAgentStatus.parse(raw);
  const userId = input.userId ?? actor.id;
  const manages = can(actor, "team.manage");
  if ((userId !== actor.id || input.openCap !== undefined) && !manages) throw notFound();
  const now = ctx.now();
  return transact(db, async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).where("role", "in", ASSIGNEE_ROLES).executeTakeFirst();
    if (!user) throw new AppError("NOT_FOUND", msg("err.userNotFound"));
    const row = await trx.selectFrom("agent_status").select(["away", "open_cap"]).where("user_id", "=", userId).executeTakeFirst();
    const before = { away: row?.away === 1, openCap: row?.open_cap ?? null };
    const after = { away: input.away ?? before.away, openCap: input.openCap === undefined ? before.openCap : input.openCap };
    if (after.away === before.away && after.openCap === before.openCap) return { userId, ...after };
    const values = { away: after.away ? 1 : 0, open_cap: after.openCap, updated_at: now };
    if (row) await trx.updateTable("agent_status").set(values).where("user_id", "=", userId).execute();
    else
      await trx
        .insertInto("agent_status")
        .values({ user_id: userId, ...values })
        .execute();
    const action = after.openCap !== before.openCap ? "agent.cap_changed" : after.away ? "agent.away" : "agent.available";
    await recordAudit(trx, ctx, { action, entityType: "user", entityId: userId, before, after });
    return { userId, ...after };
  });
}

/** Every active staff member with their availability and own cap, for the teams page (team.manage). */
export async function findAgentStatuses(db: DB, ctx: RequestCtx): Promise<(AgentStatus & { name: string })[]> {
  if (!can(ctx.actor, "team.manage")) throw notFound();
  const rows = await db
    .selectFrom("users as u")
    .leftJoin("agent_status as s", "s.user_id", "u.id")
    .select(["u.id", "u.name", "s.away", "s.open_cap"])
    .where("u.role", "in", ASSIGNEE_ROLES)
    .where("u.disabled", "=", 0)
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, away: r.away === 1, openCap: r.open_cap ?? null }));
}
