import "server-only";
import type { DB } from "../db";
import type { Actor } from "../context";
import { TOUCH_EVERY_MS, type SessionPolicy } from "./policy";
import type { SecondFactorState } from "../two-factor/policy";

/** What the session token says: the user and the session row. */
export interface SessionClaims {
  uid: number;
  sid: string;
}

export interface ResumedSession {
  actor: Actor;
  sessionId: string;
  /** What decides whether the actor must still set up a second factor (server/two-factor/policy.ts), read in the same statement. */
  secondFactor: SecondFactorState;
}

/**
 * The actor behind a session token, or null when the session is over: revoked, idle longer than the policy
 * allows, past its absolute end, at an older session version than its user's (password or role changed,
 * account disabled, "sign out everywhere"), or the account is disabled or erased. An account without a
 * password (single sign-on) keeps the session its sign-in opened.
 * One indexed read (the session row joined to its user, the second-factor policy and the user's second factors,
 * each by primary key); `last_seen_at` is written at most once a minute.
 */
export async function resumeSession(db: DB, claims: SessionClaims, now: number, policy: SessionPolicy): Promise<ResumedSession | null> {
  const row = await db
    .selectFrom("user_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("two_factor_settings as f", (join) => join.on("f.id", "=", 1))
    .leftJoin("user_two_factor as tf", (join) => join.onRef("tf.user_id", "=", "s.user_id").on("tf.enabled_at", "is not", null))
    .select((eb) => eb.exists(eb.selectFrom("user_passkeys as p").select("p.id").whereRef("p.user_id", "=", "s.user_id")).as("passkey"))
    .select([
      "f.required_roles",
      "tf.user_id as totp_user",
      "s.id",
      "s.user_id",
      "s.session_version as s_version",
      "s.last_seen_at",
      "s.expires_at",
      "s.revoked_at",
      "u.role",
      "u.email",
      "u.name",
      "u.locale",
      "u.disabled",
      "u.erased_at",
      "u.session_version as u_version",
    ])
    .where("s.id", "=", claims.sid)
    .executeTakeFirst();
  if (!row || row.user_id !== claims.uid) return null;
  const lastSeen = Number(row.last_seen_at);
  if (row.revoked_at !== null || Number(row.expires_at) <= now || lastSeen + policy.idleMs <= now) return null;
  if (Number(row.s_version) !== Number(row.u_version)) return null;
  if (row.disabled || row.erased_at !== null) return null;
  if (now - lastSeen >= TOUCH_EVERY_MS) {
    // Conditional, so that concurrent requests of one session write it once; a failure costs nothing but precision.
    await db
      .updateTable("user_sessions")
      .set({ last_seen_at: now })
      .where("id", "=", row.id)
      .where("last_seen_at", "<=", now - TOUCH_EVERY_MS)
      .execute()
      .catch((err: unknown) => console.error("[mayak] could not record session activity:", err));
  }
  return {
    actor: { id: row.user_id, role: row.role, email: row.email, name: row.name, locale: row.locale },
    sessionId: row.id,
    secondFactor: { requiredRoles: row.required_roles ?? null, enrolled: row.totp_user !== null || Boolean(Number(row.passkey)) },
  };
}
