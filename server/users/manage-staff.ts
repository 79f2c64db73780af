import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { forUpdate } from "../db/dialect";
import type { Role } from "../db/schema";
import { AppError, notFound } from "../errors";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { assertPasswordPolicy } from "../auth/password-policy";
import { queueEmail } from "../email/queue-email";
import { translate } from "@/lib/i18n";
import { insertUser } from "./sign-up";
import { ZAcceptInvite, ZInvite, ZSetDisabled, ZSetRole } from "./schemas";
import type { z } from "zod";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";
import { revokeUserSessions } from "../sessions/revoke-sessions";
import { reassignOpenTickets } from "../routing/reassign";

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** An admin invites a staff member: the account exists at once, the password is set through the emailed link. */
export async function inviteStaff(db: DB, ctx: RequestCtx, raw: z.input<typeof ZInvite>, appUrl: string): Promise<{ id: number }> {
  const input = ZInvite.parse(raw);
  const token = crypto.randomBytes(24).toString("base64url");
  const now = ctx.now();
  return transact(db, async (trx) => {
    const id = await insertUser(trx, now, {
      email: input.email,
      name: input.name,
      role: input.role,
      locale: ctx.actor?.locale ?? "en",
      passwordHash: null,
      inviteTokenHash: tokenHash(token),
      inviteExpiresAt: now + INVITE_TTL_MS,
    });
    const locale = ctx.actor?.locale ?? "en";
    await queueEmail(trx, now, {
      to: input.email,
      subject: translate(locale, "email.invite.subject"),
      text: translate(locale, "email.invite.body", {
        name: input.name,
        inviter: ctx.actor?.name ?? "Mayak",
        role: translate(locale, `role.${input.role}`),
        link: `${appUrl}/invite/${token}`,
      }),
    });
    await recordAudit(trx, ctx, {
      action: "user.invited",
      entityType: "user",
      entityId: id,
      after: { email: input.email, role: input.role },
    });
    return { id };
  });
}

/**
 * The invited person sets a password through the link; the token works once and expires. The token is
 * checked before the password is hashed, so a wrong or used link costs one indexed read and no argon2 work;
 * it is checked again on the locked row, so the same link used twice at once sets one password.
 */
export async function acceptInvite(db: DB, ctx: RequestCtx, raw: z.input<typeof ZAcceptInvite>): Promise<{ email: string }> {
  const input = ZAcceptInvite.parse(raw);
  const hash = tokenHash(input.token);
  const usable = (u: { invite_expires_at: number | null; disabled: number } | undefined): boolean =>
    Boolean(u && u.invite_expires_at && u.invite_expires_at >= ctx.now() && !u.disabled);
  const invited = await db
    .selectFrom("users")
    .select(["id", "email", "name", "invite_expires_at", "disabled"])
    .where("invite_token_hash", "=", hash)
    .executeTakeFirst();
  if (!invited || !usable(invited)) throw new AppError("INVITE_INVALID", msg("err.inviteInvalid"));
  assertPasswordPolicy(input.password, { name: input.name ?? invited.name, email: invited.email });
  const passwordHash = await hashPassword(input.password);
  return transact(db, async (trx) => {
    const user = await forUpdate(
      trx,
      trx.selectFrom("users").selectAll().where("id", "=", invited.id).where("invite_token_hash", "=", hash),
    ).executeTakeFirst();
    if (!user || !usable(user)) throw new AppError("INVITE_INVALID", msg("err.inviteInvalid"));
    await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        invite_token_hash: null,
        invite_expires_at: null,
        name: input.name ?? user.name,
        updated_at: ctx.now(),
      })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", user.id).execute();
    const actor = { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
    await recordAudit(trx, { ...ctx, actor }, { action: "user.invite_accepted", entityType: "user", entityId: user.id });
    return { email: user.email };
  });
}

async function countActiveAdmins(trx: Parameters<typeof recordAudit>[0]): Promise<number> {
  const row = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a user's role. The last active admin cannot be demoted. Every session of the user ends (they sign in again). */
export async function setUserRole(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetRole>): Promise<void> {
  const input = ZSetRole.parse(raw);
  await transact(db, async (trx) => {
    const user = await forUpdate(
      trx,
      trx.selectFrom("users").select(["id", "role", "disabled"]).where("id", "=", input.userId),
    ).executeTakeFirst();
    if (!user) throw notFound(msg("err.userNotFound"));
    if (user.role === input.role) return;
    if (user.role === "admin" && !user.disabled && (await countActiveAdmins(trx)) <= 1) {
      throw new AppError("LAST_ADMIN", msg("err.lastAdmin"));
    }
    await trx
      .updateTable("users")
      .set({ role: input.role as Role, updated_at: ctx.now() })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "user.role_changed",
      entityType: "user",
      entityId: user.id,
      before: { role: user.role },
      after: { role: input.role },
    });
    await revokeUserSessions(trx, ctx, user.id, "role_changed");
  });
}

/**
 * Disables or re-enables an account. A disabled user loses access at their next request: every session ends, and
 * their open tickets go back to their teams' round-robin or become unassigned (server/routing/reassign.ts).
 */
export async function setUserDisabled(db: DB, ctx: RequestCtx, raw: z.input<typeof ZSetDisabled>): Promise<void> {
  const input = ZSetDisabled.parse(raw);
  await transact(db, async (trx) => {
    const user = await forUpdate(
      trx,
      trx.selectFrom("users").select(["id", "role", "disabled"]).where("id", "=", input.userId),
    ).executeTakeFirst();
    if (!user) throw notFound(msg("err.userNotFound"));
    if (input.disabled && user.id === ctx.actor?.id) throw new AppError("FORBIDDEN", msg("err.disableSelf"));
    if (Boolean(user.disabled) === input.disabled) return;
    if (input.disabled && user.role === "admin" && (await countActiveAdmins(trx)) <= 1) {
      throw new AppError("LAST_ADMIN", msg("err.lastAdmin"));
    }
    await trx
      .updateTable("users")
      .set({ disabled: input.disabled ? 1 : 0, updated_at: ctx.now() })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(trx, ctx, {
      action: input.disabled ? "user.disabled" : "user.enabled",
      entityType: "user",
      entityId: user.id,
      before: { disabled: Boolean(user.disabled) },
      after: { disabled: input.disabled },
    });
    if (input.disabled) {
      await revokeUserSessions(trx, ctx, user.id, "disabled");
      await reassignOpenTickets(trx, ctx, user.id);
    }
  });
}
