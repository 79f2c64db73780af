import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import { forUpdate } from "../db/dialect";
import type { Locale } from "../db/schema";
import { transact } from "../db/transact";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { assertPasswordPolicy } from "../auth/password-policy";
import { revokeUserSessions } from "../sessions/revoke-sessions";
import { queueEmail } from "../email/queue-email";
import { enqueueJob } from "../jobs/queue";
import { hashLinkToken, linkWithToken, newLinkToken } from "./link-tokens";
import { ZRequestPasswordReset, ZResetPassword } from "./schemas";
import { msg, translate } from "@/lib/i18n";

export const RESET_TTL_MS = 30 * 60_000;
export const PASSWORD_RESET_JOB = "auth.password_reset";

/** What the request leaves for the job: the address asked for, the page's language, who asked. */
export interface PasswordResetJobPayload {
  email: string;
  locale: Locale;
  ip: string;
  userAgent: string;
}

/**
 * Someone asks for a reset link. The request only queues a job, the same single insert whatever the
 * address: whether it has an account is decided later, in the job, so neither the answer nor its timing
 * tells. (Rate limits, per address and per email, are the router's.)
 */
export async function requestPasswordReset(db: DB, ctx: RequestCtx, raw: z.input<typeof ZRequestPasswordReset>): Promise<void> {
  const input = ZRequestPasswordReset.parse(raw);
  const payload: PasswordResetJobPayload = { email: input.email, locale: input.locale, ip: ctx.ip, userAgent: ctx.userAgent };
  await enqueueJob(db, ctx.now(), { type: PASSWORD_RESET_JOB, payload, maxAttempts: 3 });
}

/**
 * The job behind a request: for an enabled account, a new link (older ones stop working) sent through the
 * outbox and the request audited, in one transaction; for anything else, nothing at all.
 */
export async function issuePasswordReset(db: DB, ctx: RequestCtx, payload: PasswordResetJobPayload, appUrl: string): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "locale", "disabled"])
    .where("email", "=", payload.email)
    .executeTakeFirst();
  if (!user || user.disabled) return false;
  const { token, hash } = newLinkToken();
  const now = ctx.now();
  await transact(db, async (trx) => {
    await trx.deleteFrom("password_resets").where("user_id", "=", user.id).execute();
    await trx
      .insertInto("password_resets")
      .values({ user_id: user.id, token_hash: hash, created_at: now, expires_at: now + RESET_TTL_MS })
      .execute();
    await queueEmail(trx, now, {
      to: user.email,
      subject: translate(payload.locale, "reset.email.subject"),
      text: translate(payload.locale, "reset.email.body", {
        name: user.name,
        link: linkWithToken(appUrl, payload.locale, "/reset-password", token),
      }),
    });
    await recordAudit(trx, ctx, {
      action: "auth.password_reset_requested",
      entityType: "user",
      entityId: user.id,
      after: { expiresAt: now + RESET_TTL_MS },
    });
  });
  return true;
}

/**
 * A new password through a reset link. The link is checked before the password is judged or hashed (a
 * wrong link costs one indexed read), and again on the locked row: it works once, in the same transaction
 * that changes the password, and every other link and every session of the account go with it.
 * Completing a reset also ends a pending invitation, since it proves the same thing: the person reads the
 * account's email.
 */
export async function resetPassword(db: DB, ctx: RequestCtx, raw: z.input<typeof ZResetPassword>): Promise<void> {
  const input = ZResetPassword.parse(raw);
  const hash = hashLinkToken(input.token);
  const invalid = () => new AppError("RESET_INVALID", msg("reset.err.invalid"));
  const find = (q: typeof db) =>
    q
      .selectFrom("password_resets")
      .innerJoin("users", "users.id", "password_resets.user_id")
      .select([
        "password_resets.id as resetId",
        "password_resets.expires_at",
        "users.id",
        "users.email",
        "users.name",
        "users.role",
        "users.locale",
        "users.disabled",
      ])
      .where("password_resets.token_hash", "=", hash);
  const usable = (r: { expires_at: number; disabled: number } | undefined) => Boolean(r && r.expires_at >= ctx.now() && !r.disabled);

  const found = await find(db).executeTakeFirst();
  if (!found || !usable(found)) throw invalid();
  assertPasswordPolicy(input.password, { name: found.name, email: found.email });
  const passwordHash = await hashPassword(input.password);
  await transact(db, async (trx) => {
    const row = await forUpdate(trx, find(trx)).executeTakeFirst();
    if (!row || !usable(row)) throw invalid();
    await trx.deleteFrom("password_resets").where("user_id", "=", row.id).execute();
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, invite_token_hash: null, invite_expires_at: null, updated_at: ctx.now() })
      .where("id", "=", row.id)
      .execute();
    const actor = { id: row.id, role: row.role, email: row.email, name: row.name, locale: row.locale };
    await recordAudit(trx, { ...ctx, actor }, { action: "auth.password_reset_completed", entityType: "user", entityId: row.id });
    // Someone who knew the old password (the reason for many resets) is signed out everywhere.
    await revokeUserSessions(trx, { ...ctx, actor }, row.id, "password_reset");
  });
}
