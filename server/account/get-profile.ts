import "server-only";
import type { DB } from "../db";
import type { Locale, Role } from "../db/schema";
import type { RequestCtx } from "../context";
import { can } from "../auth/permissions";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";

export interface Profile {
  id: number;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  /** Staff who acknowledge monitor alerts can be on duty (server/monitoring/on-duty.ts); null for everyone else. */
  onDuty: boolean | null;
  /** An address change waiting for its link to be opened. */
  pendingEmail: { email: string; expiresAt: number } | null;
}

/** The signed-in person's own account, as the account page shows it. */
export async function getProfile(db: DB, ctx: RequestCtx): Promise<Profile> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const [user, pending] = await Promise.all([
    db
      .selectFrom("users")
      .select(["id", "name", "email", "role", "locale", "on_duty"])
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("email_changes")
      .select(["new_email", "expires_at"])
      .where("user_id", "=", actor.id)
      .where("expires_at", ">", ctx.now())
      .orderBy("id", "desc")
      .executeTakeFirst(),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    locale: user.locale,
    onDuty: can(actor, "alert.ack") ? user.on_duty === 1 : null,
    pendingEmail: pending ? { email: pending.new_email, expiresAt: Number(pending.expires_at) } : null,
  };
}
