import "server-only";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { revokeUserSessions } from "../sessions/revoke-sessions";
import { msg } from "@/lib/i18n";

export interface UserTwoFactorSummary {
  /** The authenticator app is on. */
  enabled: boolean;
  enabledAt: number | null;
  recoveryCodesLeft: number;
  passkeys: number;
}

async function summaryOf(db: DB, userId: number): Promise<UserTwoFactorSummary & { pending: boolean }> {
  const row = await db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", userId).executeTakeFirst();
  const count = async (table: "user_recovery_codes" | "user_passkeys") => {
    let q = db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId);
    if (table === "user_recovery_codes") q = q.where("used_at", "is", null);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const enabled = row?.enabled_at != null;
  return {
    enabled,
    enabledAt: enabled ? Number(row!.enabled_at) : null,
    recoveryCodesLeft: enabled ? await count("user_recovery_codes") : 0,
    passkeys: await count("user_passkeys"),
    pending: !!row && !enabled,
  };
}

/** What an admin sees of a user's second factor (on the user's page). */
export async function getUserTwoFactor(db: DB, userId: number): Promise<UserTwoFactorSummary> {
  const user = await db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!user) throw notFound(msg("err.userNotFound"));
  const { pending: _pending, ...summary } = await summaryOf(db, userId);
  return summary;
}

/**
 * An admin removes a user's second factor (a lost phone and lost recovery codes): the authenticator secret,
 * the recovery codes and the passkeys are deleted, audited with what there was, and every session of theirs
 * ends. The user signs in with the password alone and, if their role requires it, must enrol again at once.
 * Admins reset others only: their own goes through their account page, which asks for a code or the password.
 */
export async function resetUserTwoFactor(db: DB, ctx: RequestCtx & { actor: Actor }, input: { userId: number }): Promise<{ ok: true }> {
  if (input.userId === ctx.actor.id) throw new AppError("CONFLICT", msg("twoFactor.err.self"));
  await transact(db, async (trx) => {
    const user = await trx.selectFrom("users").select(["id"]).where("id", "=", input.userId).executeTakeFirst();
    if (!user) throw notFound(msg("err.userNotFound"));
    const { pending, ...before } = await summaryOf(trx, user.id);
    if (!before.enabled && !pending && before.passkeys === 0) throw new AppError("TWO_FACTOR_NOT_ENABLED", msg("twoFactor.err.notEnabled"));
    await trx.deleteFrom("user_two_factor").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_passkeys").where("user_id", "=", user.id).execute();
    // Every session of theirs ends: after a lost phone, whoever has one of their browsers must sign in again.
    await revokeUserSessions(trx, ctx, user.id, "two_factor_reset");
    await recordAudit(trx, ctx, {
      action: "two_factor.reset_by_admin",
      entityType: "user",
      entityId: user.id,
      before,
      after: { enabled: false, passkeys: 0 },
    });
  });
  return { ok: true };
}
