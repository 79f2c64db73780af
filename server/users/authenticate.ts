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
 * Checks an email and password. Success and failure are both audited; the failure message never says
 * whether the email exists.
 */
export async function authenticate(db: DB, ctx: RequestCtx, input: { email: string; password: string }): Promise<Actor> {
  const email = ZEmail.safeParse(input.email);
  const password = typeof input.password === "string" ? input.password.slice(0, 200) : "";
  const user = email.success
    ? await db.selectFrom("users").selectAll().where("email", "=", email.data).executeTakeFirst()
    : undefined;
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

  const actor: Actor = { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
  await transact(db, async (trx) => {
    await trx.updateTable("users").set({ last_sign_in_at: now }).where("id", "=", user.id).execute();
    await recordAudit(trx, { ...ctx, actor }, { action: "auth.signed_in", entityType: "user", entityId: user.id });
  });
  return actor;
}
