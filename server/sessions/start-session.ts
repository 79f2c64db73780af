import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { KEEP_ENDED_MS, type SessionPolicy } from "./policy";
import { sessionLabel } from "./user-agent";

export interface StartSessionInput {
  userId: number;
  ip: string;
  userAgent: string;
  now: number;
}

/**
 * A sign-in opens a session row at the user's current session version; the token carries only its random id.
 * Sessions of the same user that ended more than 30 days ago are pruned on the way.
 */
export async function startSession(db: DB, input: StartSessionInput, policy: SessionPolicy): Promise<string> {
  const id = crypto.randomBytes(16).toString("base64url");
  const user = await db.selectFrom("users").select("session_version").where("id", "=", input.userId).executeTakeFirstOrThrow();
  await db
    .insertInto("user_sessions")
    .values({
      id,
      user_id: input.userId,
      session_version: Number(user.session_version),
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: input.now + policy.maxAgeMs,
      revoked_at: null,
      ip: input.ip.slice(0, 64),
      user_agent: input.userAgent.slice(0, 512),
      label: sessionLabel(input.userAgent).slice(0, 120),
    })
    .execute();
  const old = input.now - KEEP_ENDED_MS;
  await db
    .deleteFrom("user_sessions")
    .where("user_id", "=", input.userId)
    .where((eb) => eb.or([eb("expires_at", "<", old), eb("revoked_at", "<", old), eb("last_seen_at", "<", old - policy.idleMs)]))
    .execute();
  return id;
}
