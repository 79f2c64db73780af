import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { getDb } from "../db";
import type { Actor, RequestCtx } from "../context";
import { getActorById } from "../users/get-actor";
import { clientIp } from "./request-info";
import { getAuthOptions } from "./options";

export const VISITOR_COOKIE = "mayak-vid";

/** The anonymous visitor id from its cookie, if it looks like one the proxy set. */
export function visitorFrom(value: string | undefined): string | undefined {
  return value && /^[\w-]{8,40}$/.test(value) ? value : undefined;
}

/**
 * The signed-in actor, re-read from the database on every request (a disabled user loses access at once);
 * once per request, however many components ask.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(getAuthOptions())) as { uid?: number } | null;
  if (!session?.uid) return null;
  return getActorById(getDb(), session.uid);
});

/** The request context for server components, route handlers and tRPC. */
export async function getRequestCtx(): Promise<RequestCtx> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return {
    actor: await getActor(),
    ip: clientIp(h),
    userAgent: (h.get("user-agent") ?? "").slice(0, 512),
    now: Date.now,
    visitor: visitorFrom(c.get(VISITOR_COOKIE)?.value),
  };
}
