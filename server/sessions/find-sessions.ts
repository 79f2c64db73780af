import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";
import type { SessionPolicy } from "./policy";

export interface SessionRow {
  id: string;
  /** "Firefox · Linux", or "" when the browser was not recognised. */
  label: string;
  ip: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  /** The browser asking. */
  current: boolean;
}

/** The signed-in user's open sessions, most recently active first (at most 50). */
export async function findOwnSessions(db: DB, ctx: RequestCtx, policy: SessionPolicy): Promise<SessionRow[]> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHORIZED", msg("err.signIn"));
  const now = ctx.now();
  const rows = await db
    .selectFrom("user_sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.id", "s.label", "s.ip", "s.created_at", "s.last_seen_at", "s.expires_at"])
    .where("s.user_id", "=", actor.id)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .where("s.last_seen_at", ">", now - policy.idleMs)
    .whereRef("s.session_version", "=", "u.session_version")
    .orderBy("s.last_seen_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    ip: r.ip,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Math.min(Number(r.expires_at), Number(r.last_seen_at) + policy.idleMs),
    current: r.id === ctx.sessionId,
  }));
}
