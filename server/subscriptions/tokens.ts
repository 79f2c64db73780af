import "server-only";
import crypto from "node:crypto";

/** A random URL-safe token: what a confirmation link carries. Only its hash is stored. */
export function newToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * The unsubscribe token of a subscriber. Every notification must carry it, yet only its hash may be
 * stored, so it is derived: an HMAC, under a key the database never sees, of the row's id and creation
 * time. Someone who reads the database cannot forge links; a re-created row (same id after a reset)
 * gets a different token. Rotating the key rotates every link; `subscriberLinks` re-stores the hash.
 */
export function unsubscribeToken(linkKey: string, subscriber: { id: number; created_at: number }): string {
  return crypto
    .createHmac("sha256", linkKey)
    .update(`unsubscribe:${subscriber.id}:${Number(subscriber.created_at)}`)
    .digest("base64url");
}

/** The key for unsubscribe links, from the app's secret: a separate key so the secret is used for one thing each. */
export function linkKeyFrom(appSecret: string): string {
  return crypto.createHash("sha256").update(`mayak.subscriptions.links:${appSecret}`).digest("base64url");
}

/** Link paths in a subscriber's language: English has no prefix. */
export function localized(appUrl: string, locale: "en" | "ru", path: string): string {
  return `${appUrl}${locale === "ru" ? "/ru" : ""}${path}`;
}

export function confirmUrl(appUrl: string, locale: "en" | "ru", token: string): string {
  return localized(appUrl, locale, `/subscriptions/confirm/${token}`);
}

/** The page with an "Unsubscribe" button, and the RFC 8058 one-click endpoint (POST, no page). */
export function unsubscribeUrls(appUrl: string, locale: "en" | "ru", token: string): { page: string; oneClick: string } {
  return {
    page: localized(appUrl, locale, `/subscriptions/unsubscribe/${token}`),
    oneClick: `${appUrl}/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`,
  };
}
