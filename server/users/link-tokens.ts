import "server-only";
import crypto from "node:crypto";

/**
 * Secrets that travel in emailed links (sign-up confirmation, password reset): 32 random bytes, URL-safe.
 * Only their SHA-256 is stored, so a copy of the database opens no account.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The link to `path` with the token in the query, in the language the person reads (/ru/… for Russian). */
export function linkWithToken(appUrl: string, locale: string, path: string, token: string): string {
  return `${appUrl}${locale === "ru" ? "/ru" : ""}${path}?token=${encodeURIComponent(token)}`;
}
