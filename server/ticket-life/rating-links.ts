import "server-only";
import crypto from "node:crypto";

/**
 * The emailed rating link is signed for one ticket and one request to rate it: an HMAC, under a key derived
 * from the app's secret (as the subscriptions' unsubscribe links are), of the ticket id and when the customer
 * was asked. Nothing is stored for it; changing either number or the signature breaks it, and the rating
 * window (7 days from asked_at) is checked against the stored request.
 */
export function ratingKeyFrom(appSecret: string): string {
  return crypto.createHash("sha256").update(`mayak.csat.links:${appSecret}`).digest("base64url");
}

function signature(key: string, ticketId: number, askedAt: number): string {
  return crypto.createHmac("sha256", key).update(`csat:${ticketId}:${askedAt}`).digest("base64url");
}

export function ratingToken(key: string, ticketId: number, askedAt: number): string {
  // No dots: a path with a dot is taken for a file and never reaches the pages (proxy.ts's matcher).
  return `${ticketId}-${askedAt}-${signature(key, ticketId, askedAt)}`;
}

/** The ticket and request a token was signed for, or null when it was not signed with this key. */
export function readRatingToken(key: string, token: string): { ticketId: number; askedAt: number } | null {
  const m = /^([1-9][0-9]{0,14})-([0-9]{1,15})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const ticketId = Number(m[1]);
  const askedAt = Number(m[2]);
  const given = Buffer.from(m[3]);
  const expected = Buffer.from(signature(key, ticketId, askedAt));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? { ticketId, askedAt } : null;
}

/** The page that takes a rating from the email (no sign-in), in the customer's language. */
export function ratingUrl(appUrl: string, locale: "en" | "ru", token: string, rating: "good" | "bad"): string {
  return `${appUrl}${locale === "ru" ? "/ru" : ""}/rate/${token}?r=${rating}`;
}
