import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getDb } from "../db";
import { getAuthSecret, sessionSettings } from "../env";
import type { Actor, RequestCtx } from "../context";
import type { ResumedSession } from "../sessions/resume-session";
import { clientIp } from "./request-info";
import { sessionFromCookies } from "./session-token";

export const VISITOR_COOKIE = "mayak-vid";

/** The anonymous visitor id from its cookie, if it looks like one the proxy set. */
export function visitorFrom(value: string | undefined): string | undefined {
  return value && /^[\w-]{8,40}$/.test(value) ? value : undefined;
}

/**
 * The request's session and its actor, re-read from the database on every request (a revoked session, a
 * disabled user, a changed password or role end access at once): the token decrypted once and one read,
 * once per request however many components ask.
 */
export const getSession = cache(async (): Promise<ResumedSession | null> => {
  const { idleMs, maxAgeMs, secureCookies } = sessionSettings();
  return sessionFromCookies(getDb(), (await cookies()).getAll(), {
    secret: getAuthSecret(),
    secure: secureCookies,
    now: Date.now(),
    policy: { idleMs, maxAgeMs },
  });
});

/** The signed-in actor (see getSession). */
export const getActor = cache(async (): Promise<Actor | null> => (await getSession())?.actor ?? null);

/** The request context for server components, route handlers and tRPC. */
export async function getRequestCtx(): Promise<RequestCtx> {
  const [h, c, session] = await Promise.all([headers(), cookies(), getSession()]);
  return {
    actor: session?.actor ?? null,
    sessionId: session?.sessionId,
    ip: clientIp(h),
    userAgent: (h.get("user-agent") ?? "").slice(0, 512),
    now: Date.now,
    visitor: visitorFrom(c.get(VISITOR_COOKIE)?.value),
  };
}
