import "server-only";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { dummyHash, verifyPassword } from "../auth/password";
import { ZEmail } from "./schemas";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

/**
 * The step after a right password (server/two-factor): throws to refuse the sign-in (a second factor is
 * missing or wrong), or says how the user proved it (null: no second factor). Runs only after the password
 * was verified, so a refusal never tells a guesser anything about the password.
 */
export type SecondFactorStep = (user: { id: number }) => Promise<string | null>;

/**
 * Checks an email and password. Success and failure are both audited; the failure message never says
 * whether the email exists.
 */
export async function authenticate(
  db: DB,
  ctx: RequestCtx,
  input: { email: string; password: string },
  opts: { secondFactor?: SecondFactorStep } = {},
): Promise<Actor> {
  const email = ZEmail.safeParse(input.email);
  const password = typeof input.password === "string" ? input.password.slice(0, 200) : "";
  const user = email.success ? await db.selectFrom("users").selectAll().where("email", "=", email.data).executeTakeFirst() : undefined;
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
  const now = ctx.now();

  if (!user || !ok || user.disabled) {
    const reason = !user ? "unknown_email" : !ok ? "wrong_password" : "disabled";
    await transact(db, (trx) =>
      recordAudit(trx, ctx, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? (email.success ? email.data : "invalid"),
        after: { reason },
      }),
    );
    throw new AppError("INVALID_CREDENTIALS", msg("err.invalidCredentials"));
  }

  const secondFactor = opts.secondFactor ? await opts.secondFactor(user) : null;
  const actor: Actor = { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
  await transact(db, async (trx) => {
    await trx.updateTable("users").set({ last_sign_in_at: now }).where("id", "=", user.id).execute();
    await recordAudit(
      trx,
      { ...ctx, actor },
      { action: "auth.signed_in", entityType: "user", entityId: user.id, after: secondFactor ? { secondFactor } : undefined },
    );
  });
  return actor;
}
