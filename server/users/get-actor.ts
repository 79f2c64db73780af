import "server-only";
import type { DB } from "../db";
import type { Actor } from "../context";

/** The actor for a session's user id; null when the account is gone or disabled (access ends at once). */
export async function getActorById(db: DB, id: number): Promise<Actor | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "role", "email", "name", "locale", "disabled", "password_hash"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!user || user.disabled || !user.password_hash) return null;
  return { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
}
