import "server-only";
import type { DB } from "../db";
import { forUpdate } from "../db/dialect";
import type { Role } from "../db/schema";
import type { RequestCtx } from "../context";
import { can, rolesWith } from "../auth/permissions";
import { recordAudit } from "../audit/record-audit";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";
import { transact } from "../db/transact";

export interface StaffDuty {
  id: number;
  name: string;
  email: string;
  role: Role;
  onDuty: boolean;
}

/** Who can be on duty: the roles that acknowledge alerts. */
export const ON_DUTY_ROLES = rolesWith("alert.ack");

/** Active staff and whether each is on duty. */
export async function findStaffDuty(db: DB): Promise<StaffDuty[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "on_duty"])
    .where("role", "in", ON_DUTY_ROLES)
    .where("disabled", "=", 0)
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, onDuty: r.on_duty === 1 }));
}

/**
 * Puts a staff member on or off duty. Anyone who can acknowledge alerts may switch themselves;
 * switching someone else takes monitor.manage. Customers and unknown users are NOT_FOUND.
 */
export async function setOnDuty(db: DB, ctx: RequestCtx, input: { userId: number; onDuty: boolean }): Promise<void> {
  const actor = ctx.actor;
  const allowed = actor && (actor.id === input.userId ? can(actor, "alert.ack") : can(actor, "monitor.manage"));
  if (!allowed) throw notFound(msg("err.userNotFound"));
  await transact(db, async (trx) => {
    const user = await forUpdate(
      trx,
      trx
        .selectFrom("users")
        .select(["id", "on_duty"])
        .where("id", "=", input.userId)
        .where("role", "in", ON_DUTY_ROLES)
        .where("disabled", "=", 0),
    ).executeTakeFirst();
    if (!user) throw notFound(msg("err.userNotFound"));
    const value = input.onDuty ? 1 : 0;
    if (user.on_duty === value) return;
    await trx.updateTable("users").set({ on_duty: value, updated_at: ctx.now() }).where("id", "=", user.id).execute();
    await recordAudit(trx, ctx, {
      action: "user.on_duty_changed",
      entityType: "user",
      entityId: user.id,
      before: { onDuty: !!user.on_duty },
      after: { onDuty: input.onDuty },
    });
  });
}
