import "server-only";
import type { DB } from "../db";
import type { Role } from "../db/schema";
import type { Actor, RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { ROLES, STAFF_ROLES } from "../auth/permissions";

/**
 * Which roles must use a second factor. Stored in two_factor_settings (one row); until an admin decides,
 * the default applies: staff (agents, leads, admins) in production, nobody otherwise. The demo seed decides
 * "nobody", so the demo accounts sign in with their printed passwords.
 */
export interface TwoFactorPolicy {
  requiredRoles: Role[];
  /** True while no admin has decided and the default applies. */
  isDefault: boolean;
  updatedAt: number;
  updatedBy: number | null;
}

export function defaultRequiredRoles(production: boolean): Role[] {
  return production ? [...STAFF_ROLES] : [];
}

export function parseRoles(stored: string): Role[] {
  const listed = new Set(stored.split(","));
  return ROLES.filter((r) => listed.has(r));
}

export async function getTwoFactorPolicy(db: DB, defaults: readonly Role[]): Promise<TwoFactorPolicy> {
  const row = await db.selectFrom("two_factor_settings").selectAll().where("id", "=", 1).executeTakeFirst();
  const stored = row?.required_roles ?? null;
  return {
    requiredRoles: stored === null ? [...defaults] : parseRoles(stored),
    isDefault: stored === null,
    updatedAt: Number(row?.updated_at ?? 0),
    updatedBy: row?.updated_by ?? null,
  };
}

/** Decides which roles must use a second factor (audited with what applied before). */
export async function setTwoFactorPolicy(
  db: DB,
  ctx: RequestCtx,
  input: { roles: Role[] },
  defaults: readonly Role[],
): Promise<TwoFactorPolicy> {
  const roles = ROLES.filter((r) => input.roles.includes(r));
  const now = ctx.now();
  await transact(db, async (trx) => {
    const before = await trx.selectFrom("two_factor_settings").select("required_roles").where("id", "=", 1).executeTakeFirst();
    const was = before?.required_roles ?? null;
    await trx
      .updateTable("two_factor_settings")
      .set({ required_roles: roles.join(","), updated_at: now, updated_by: ctx.actor?.id ?? null })
      .where("id", "=", 1)
      .execute();
    await recordAudit(trx, ctx, {
      action: "two_factor.policy_changed",
      entityType: "two_factor_settings",
      entityId: 1,
      before: { requiredRoles: was === null ? [...defaults] : parseRoles(was), isDefault: was === null },
      after: { requiredRoles: roles },
    });
  });
  return getTwoFactorPolicy(db, defaults);
}

/** The stored policy (null: the default applies) and whether the user has a second factor (app or passkey). */
export interface SecondFactorState {
  requiredRoles: string | null;
  enrolled: boolean;
}

/** Whether the role requires a second factor that the user has not set up: then they may do nothing but enrol. */
export function secondFactorDue(state: SecondFactorState, role: Role, defaults: readonly Role[]): boolean {
  const required = state.requiredRoles === null ? defaults.includes(role) : parseRoles(state.requiredRoles).includes(role);
  return required && !state.enrolled;
}

/**
 * secondFactorDue, read for the actor: one query. A signed-in request has it from its session read
 * (server/sessions/resume-session.ts) and needs no query.
 */
export async function enrolmentDue(db: DB, actor: Pick<Actor, "id" | "role">, defaults: readonly Role[]): Promise<boolean> {
  const row = await db
    .selectFrom("two_factor_settings as s")
    .leftJoin("user_two_factor as t", (join) => join.on("t.user_id", "=", actor.id).on("t.enabled_at", "is not", null))
    .select(["s.required_roles", "t.user_id"])
    .select((eb) => eb.exists(eb.selectFrom("user_passkeys as p").select("p.id").where("p.user_id", "=", actor.id)).as("passkey"))
    .where("s.id", "=", 1)
    .executeTakeFirst();
  const state = { requiredRoles: row?.required_roles ?? null, enrolled: Boolean(row?.user_id) || Boolean(Number(row?.passkey)) };
  return secondFactorDue(state, actor.role, defaults);
}
