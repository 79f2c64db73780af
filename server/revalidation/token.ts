import "server-only";
import crypto from "node:crypto";

/**
 * The credential of the internal revalidation endpoint: an HMAC of a fixed label keyed with the app's auth
 * secret, so every instance sharing that secret knows it and nothing else has to be configured. It is not
 * the secret itself, which signs sessions and must never travel, even over loopback.
 */
export function revalidationToken(authSecret: string): string {
  return crypto.createHmac("sha256", authSecret).update("mayak.internal-revalidate.v1").digest("base64url");
}

/** Constant-time check of an `Authorization: Bearer <token>` header. */
export function isRevalidationAuthorized(header: string | null, authSecret: string): boolean {
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? "");
  // Compare digests: equal length whatever was sent, so the time taken says nothing about the token.
  const given = crypto
    .createHash("sha256")
    .update(m?.[1] ?? "")
    .digest();
  const expected = crypto.createHash("sha256").update(revalidationToken(authSecret)).digest();
  return crypto.timingSafeEqual(given, expected) && m !== null;
}
