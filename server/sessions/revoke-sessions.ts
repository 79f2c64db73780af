import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { AppError, notFound } from "../errors";
import { msg } from "@/lib/i18n";

/** Why every session of a user ended; recorded in the audit event. */
export type RevokeReason =
  "password_changed" | "password_reset" | "role_changed" | "disabled" | "signed_out_everywhere" | "two_factor_reset";

/**
 * Ends every session of `userId` at its next request, inside the caller's transaction: the user's session
 * version moves on (so even a session this function does not see ends) and the open rows are marked revoked
 * for the session list. `keep` (the caller's own session, after a password change) moves to the new version
 * and stays. Audited as `user.sessions_revoked` with the reason and how many sessions ended.
 */
export async function revokeUserSessions(
  trx: Tx,
  ctx: RequestCtx,
  userId: number,
  reason: RevokeReason,
  opts: { keep?: string } = {},
): Promise<number> {
  const now = ctx.now();
  await trx
    .updateTable("users")
    .set((eb) => ({ session_version: eb("session_version", "+", 1) }))
    .where("id", "=", userId)
    .execute();
  const { session_version } = await trx.selectFrom("users").select("session_version").where("id", "=", userId).executeTakeFirstOrThrow();
  let q = trx.updateTable("user_sessions").set({ revoked_at: now }).where("user_id", "=", userId).where("revoked_at", "is", null);
  if (opts.keep) q = q.where("id", "!=", opts.keep);
  const res = await q.executeTakeFirst();
  if (opts.keep) {
    await trx
      .updateTable("user_sessions")
      .set({ session_version: Number(session_version) })
      .where("id", "=", opts.keep)
      .where("user_id", "=", userId)
      .execute();
  }
  const sessions = Number(res.numUpdatedRows);
  await recordAudit(trx, ctx, { action: "user.sessions_revoked", entityType: "user", entityId: userId, after: { reason, sessions } });
  return sessions;
}

/** "Sign out everywhere": every session of the signed-in user ends, this one included. */
export async function signOutEverywhere(db: DB, ctx: RequestCtx): Promise<{ sessions: number }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const sessions = await transact(db, (trx) => revokeUserSessions(trx, ctx, actor.id, "signed_out_everywhere"));
  return { sessions };
}

/** Ends one of the signed-in user's own sessions. Someone else's session, or one already over, is NOT_FOUND. */
export async function revokeOwnSession(db: DB, ctx: RequestCtx, input: { id: string }): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  await transact(db, async (trx) => {
    const session = await trx
      .selectFrom("user_sessions")
      .select(["id", "label"])
      .where("id", "=", input.id)
      .where("user_id", "=", actor.id)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", ctx.now())
      .executeTakeFirst();
    if (!session) throw notFound(msg("sessions.err.notFound"));
    await trx.updateTable("user_sessions").set({ revoked_at: ctx.now() }).where("id", "=", session.id).execute();
    await recordAudit(trx, ctx, {
      action: "user.session_revoked",
      entityType: "user",
      entityId: actor.id,
      after: { device: session.label, current: session.id === ctx.sessionId },
    });
  });
}

/** Signing out ends the browser's own session row (next-auth's signOut event), audited when it was still open. */
export async function endSession(db: DB, ctx: RequestCtx, claims: { uid: number; sid: string }): Promise<void> {
  await transact(db, async (trx) => {
    const res = await trx
      .updateTable("user_sessions")
      .set({ revoked_at: ctx.now() })
      .where("id", "=", claims.sid)
      .where("user_id", "=", claims.uid)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return;
    await recordAudit(trx, ctx, { action: "auth.signed_out", entityType: "user", entityId: claims.uid });
  });
}
