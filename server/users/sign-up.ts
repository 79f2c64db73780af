import "server-only";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import { isUniqueViolation } from "../db/dialect";
import type { Role, Locale } from "../db/schema";
import { AppError } from "../errors";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { ZSignUp, type TSignUp } from "./schemas";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

/** Inserts a user; a taken email becomes a field error. */
export async function insertUser(
  trx: Tx,
  now: number,
  u: { email: string; name: string; role: Role; locale: Locale; passwordHash: string | null; inviteTokenHash?: string; inviteExpiresAt?: number },
): Promise<number> {
  const existing = await trx.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirst();
  if (existing) throw new AppError("EMAIL_TAKEN", msg("err.emailTaken"), "email");
  try {
    const res = await trx
      .insertInto("users")
      .values({
        email: u.email,
        name: u.name,
        role: u.role,
        locale: u.locale,
        password_hash: u.passwordHash,
        disabled: 0,
        invite_token_hash: u.inviteTokenHash ?? null,
        invite_expires_at: u.inviteExpiresAt ?? null,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    return Number(res.insertId);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("EMAIL_TAKEN", msg("err.emailTaken"), "email");
    throw err;
  }
}

/** A customer creates their own account. */
export async function signUp(db: DB, ctx: RequestCtx, raw: TSignUp): Promise<{ id: number }> {
  const input = ZSignUp.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return transact(db, async (trx) => {
    const id = await insertUser(trx, ctx.now(), { ...input, role: "customer", passwordHash });
    const after = { email: input.email, name: input.name, role: "customer" };
    await recordAudit(trx, { ...ctx, actor: ctx.actor ?? { id, role: "customer", email: input.email, name: input.name, locale: input.locale } }, {
      action: "user.signed_up",
      entityType: "user",
      entityId: id,
      after,
    });
    return { id };
  });
}

/** Staff accounts from the command line (`npm run user:create`) and the demo seed. */
export async function createUser(
  db: DB,
  ctx: RequestCtx,
  input: { email: string; name: string; role: Role; password: string; locale?: Locale },
): Promise<{ id: number }> {
  const passwordHash = await hashPassword(input.password);
  return transact(db, async (trx) => {
    const email = input.email.trim().toLowerCase();
    const id = await insertUser(trx, ctx.now(), { email, name: input.name, role: input.role, locale: input.locale ?? "en", passwordHash });
    await recordAudit(trx, ctx, { action: "user.created", entityType: "user", entityId: id, after: { email, name: input.name, role: input.role } });
    return { id };
  });
}
