import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { hashPassword, verifyPassword } from "../auth/password";
import { assertPasswordPolicy } from "../auth/password-policy";
import { revokeUserSessions } from "../sessions/revoke-sessions";
import { ZChangePassword } from "./schemas";
import { msg } from "@/lib/i18n";

/**
 * The signed-in person changes their password, giving the current one again: a session left open on
 * someone else's screen is not enough. A wrong current password is audited and changes nothing; a change
 * is audited and ends every reset link the account had and every other session.
 */
export async function changePassword(db: DB, ctx: RequestCtx, raw: z.input<typeof ZChangePassword>): Promise<void> {
  const input = ZChangePassword.parse(raw);
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const user = await db.selectFrom("users").select(["id", "email", "name", "password_hash"]).where("id", "=", actor.id).executeTakeFirst();
  if (!user) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  assertPasswordPolicy(input.newPassword, { name: user.name, email: user.email }, "newPassword");

  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await transact(db, (trx) =>
      recordAudit(trx, ctx, {
        action: "user.password_change_failed",
        entityType: "user",
        entityId: user.id,
        after: { reason: "wrong_password" },
      }),
    );
    throw new AppError("WRONG_PASSWORD", msg("password.err.wrongCurrent"), "currentPassword");
  }
  if (input.newPassword === input.currentPassword) throw new AppError("INVALID_INPUT", msg("password.err.same"), "newPassword");

  const passwordHash = await hashPassword(input.newPassword);
  await transact(db, async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: ctx.now() }).where("id", "=", user.id).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", user.id).execute();
    await recordAudit(trx, ctx, { action: "user.password_changed", entityType: "user", entityId: user.id });
    // Whoever else was signed in with the old password is signed out; this browser stays.
    await revokeUserSessions(trx, ctx, user.id, "password_changed", { keep: ctx.sessionId });
  });
}
