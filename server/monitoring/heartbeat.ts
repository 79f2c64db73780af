import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { notFound } from "../errors";
import { msg } from "@/lib/i18n";

/** A new secret for a heartbeat URL; only its sha256 is stored. */
export function newHeartbeatToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(24).toString("base64url");
  return { token, hash: hashHeartbeatToken(token) };
}

export function hashHeartbeatToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function heartbeatUrl(appUrl: string, token: string): string {
  return `${appUrl}/api/heartbeat/${token}`;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * A customer's cron job says it ran. Unknown tokens are NOT_FOUND. A monitor that is down gets checked
 * at once, so it recovers without waiting a whole interval. A paused monitor accepts the ping and ignores it.
 */
export async function recordHeartbeat(db: DB, token: string, now: number): Promise<{ monitorId: number }> {
  if (!TOKEN_SHAPE.test(token)) throw notFound(msg("err.notFound"));
  const m = await db
    .selectFrom("monitors")
    .select(["id", "state", "enabled"])
    .where("heartbeat_token_hash", "=", hashHeartbeatToken(token))
    .where("kind", "=", "heartbeat")
    .executeTakeFirst();
  if (!m) throw notFound(msg("err.notFound"));
  if (m.enabled) {
    await db
      .updateTable("monitors")
      .set(m.state === "down" || m.state === "pending" ? { last_heartbeat_at: now, next_check_at: now } : { last_heartbeat_at: now })
      .where("id", "=", m.id)
      .execute();
  }
  return { monitorId: m.id };
}
