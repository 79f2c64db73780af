import "server-only";
import type { z } from "zod";
import type { DB } from "../db";
import type { Locale, Role } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { ZFindUsers } from "./schemas";
import { toKeyPage } from "../db/key-page";
import { transact } from "../db/transact";
import { ASSIGNEE_ROLES } from "../tickets/access";

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  invited: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

/** Users, newest first, paginated by id. */
export async function findUsers(db: DB, raw: z.input<typeof ZFindUsers>): Promise<{ items: UserRow[]; nextCursor: number | null }> {
  const input = ZFindUsers.parse(raw);
  let q = db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled", "password_hash", "created_at", "last_sign_in_at"])
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.role) q = q.where("role", "=", input.role);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  const rows = await q.execute();
  return toKeyPage(rows, input.limit, (u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: Boolean(u.disabled),
    invited: u.password_hash === null,
    createdAt: u.created_at,
    lastSignInAt: u.last_sign_in_at,
  }));
}

/** Staff who can be assigned tickets. */
export async function findAssignableStaff(db: DB): Promise<{ id: number; name: string; role: Role }[]> {
  return db
    .selectFrom("users")
    .select(["id", "name", "role"])
    .where("role", "in", ASSIGNEE_ROLES)
    .where("disabled", "=", 0)
    .orderBy("name")
    .execute();
}

/** A signed-in user's language choice persists on their account. */
export async function setOwnLocale(db: DB, ctx: RequestCtx, locale: Locale): Promise<void> {
  const actor = ctx.actor;
  if (!actor || actor.locale === locale) return;
  await transact(db, async (trx) => {
    await trx.updateTable("users").set({ locale, updated_at: ctx.now() }).where("id", "=", actor.id).execute();
    await recordAudit(trx, ctx, {
      action: "user.locale_changed",
      entityType: "user",
      entityId: actor.id,
      before: { locale: actor.locale },
      after: { locale },
    });
  });
}
