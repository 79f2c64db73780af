import "server-only";
import { decode } from "next-auth/jwt";
import type { DB } from "../db";
import { resumeSession, type ResumedSession } from "../sessions/resume-session";
import type { SessionPolicy } from "../sessions/policy";

/** next-auth's session cookie: `__Secure-` prefixed when the cookies are Secure (the public URL is https). */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

export interface CookieLike {
  name: string;
  value: string;
}

/** The session token from the request's cookies, put together again when next-auth split it into chunks (`.0`, `.1`, …). */
export function sessionTokenFrom(cookies: readonly CookieLike[], secure: boolean): string | null {
  const name = sessionCookieName(secure);
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((c) => ({ c, m: c.name.startsWith(`${name}.`) ? /^\d+$/.exec(c.name.slice(name.length + 1)) : null }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m![0]) - Number(b.m![0]));
  return chunks.length ? chunks.map((x) => x.c.value).join("") : null;
}

export interface SessionCookieOptions {
  secret: string;
  secure: boolean;
  now: number;
  policy: SessionPolicy;
}

/**
 * The request's session, from its cookies: the token is decrypted once (no refreshed token is encrypted, unlike
 * getServerSession) and its session row read once. A token without a session id (issued before sessions were
 * recorded), one that does not decrypt, or one whose session is over, is no session.
 */
export async function sessionFromCookies(
  db: DB,
  cookies: readonly CookieLike[],
  opts: SessionCookieOptions,
): Promise<ResumedSession | null> {
  const raw = sessionTokenFrom(cookies, opts.secure);
  if (!raw) return null;
  const claims = await decodeToken(raw, opts.secret);
  if (!claims) return null;
  return resumeSession(db, claims, opts.now, opts.policy);
}

interface TokenClaims {
  uid: number;
  sid: string;
  /** The token's own expiry (seconds), as jose checks it: against the real clock, with 15 s of tolerance. */
  exp: number;
}

/**
 * Tokens already decrypted in this process, per secret. next-auth's `decode` derives its key (HKDF) on every call:
 * about an eighth of the CPU of a signed-in API request. A token's claims never change, so each token is decrypted
 * once; its expiry is still checked on every use, and the session row behind it is read on every request. Bounded:
 * the oldest entries go first. Tokens that fail to decrypt are not kept.
 */
const KEPT_TOKENS = 2_000;
const decodedTokens = new Map<string, Map<string, TokenClaims>>();

async function decodeToken(raw: string, secret: string): Promise<TokenClaims | null> {
  let kept = decodedTokens.get(secret);
  if (!kept) decodedTokens.set(secret, (kept = new Map()));
  let claims = kept.get(raw);
  if (!claims) {
    let token: Record<string, unknown> | null;
    try {
      token = (await decode({ token: raw, secret })) as Record<string, unknown> | null;
    } catch {
      return null;
    }
    const { uid, sid, exp } = token ?? {};
    if (typeof uid !== "number" || typeof sid !== "string" || !sid || typeof exp !== "number") return null;
    claims = { uid, sid, exp };
    if (kept.size >= KEPT_TOKENS) kept.delete(kept.keys().next().value!);
    kept.set(raw, claims);
  }
  return (claims.exp + 15) * 1000 > Date.now() ? claims : null;
}
