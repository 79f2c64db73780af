import "server-only";
import { getDb, type DB } from "../db";
import { appUrl, getAuthSecret, sessionSettings } from "../env";
import { getRequestCtx, getSession, VISITOR_COOKIE, visitorFrom } from "../auth/session";
import { sessionFromCookies, type CookieLike, type SessionCookieOptions } from "../auth/session-token";
import { clientIp } from "../auth/request-info";
import type { ResumedSession } from "../sessions/resume-session";
import { secondFactorDue } from "../two-factor/policy";
import { twoFactorDefaults } from "../two-factor/config";
import type { TRPCContext } from "./init";
import { getLocale } from "@/lib/i18n/server";
import { isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n";

const dueOf = (session: ResumedSession | null) =>
  session ? secondFactorDue(session.secondFactor, session.actor.role, twoFactorDefaults()) : undefined;

/** The context of a request Next routes (the /api/trpc route, server components): the session read once. */
export async function createTRPCContext(): Promise<TRPCContext> {
  const [ctx, session, locale] = await Promise.all([getRequestCtx(), getSession(), getLocale()]);
  return { ...ctx, db: getDb(), appUrl: appUrl(), locale, secondFactorDue: dueOf(session) };
}

/** A Cookie header's cookies, in order (a value that does not decode is kept as sent). */
export function parseCookies(header: string | null): CookieLike[] {
  if (!header) return [];
  const out: CookieLike[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const raw = part.slice(eq + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // kept as sent
    }
    out.push({ name: part.slice(0, eq).trim(), value });
  }
  return out;
}

/** What contextFromHeaders reads besides the headers: the app's database and session settings, or a test's. */
export interface HeaderContextDeps {
  db: DB;
  session: Omit<SessionCookieOptions, "now">;
}

export function appContextDeps(): HeaderContextDeps {
  const { idleMs, maxAgeMs, secureCookies } = sessionSettings();
  return { db: getDb(), session: { secret: getAuthSecret(), secure: secureCookies, policy: { idleMs, maxAgeMs } } };
}

/**
 * The same context from a request's headers alone, for a request answered outside Next (server/trpc/fast-http.ts):
 * as getRequestCtx and getLocale make it (session from its cookie, the client's address as server.mjs stamped it,
 * the language from the client's header, then its cookie).
 */
export async function contextFromHeaders(headers: Headers, deps: HeaderContextDeps = appContextDeps()): Promise<TRPCContext> {
  const cookies = parseCookies(headers.get("cookie"));
  const db = deps.db;
  const session = await sessionFromCookies(db, cookies, { ...deps.session, now: Date.now() });
  const cookie = (name: string) => cookies.find((c) => c.name === name)?.value;
  const asked = headers.get("x-mayak-locale");
  const chosen = cookie(LOCALE_COOKIE);
  const locale: Locale = isLocale(asked) ? asked : isLocale(chosen) ? chosen : "en";
  return {
    actor: session?.actor ?? null,
    sessionId: session?.sessionId,
    ip: clientIp(headers),
    userAgent: (headers.get("user-agent") ?? "").slice(0, 512),
    now: Date.now,
    visitor: visitorFrom(cookie(VISITOR_COOKIE)),
    db,
    appUrl: appUrl(),
    locale,
    secondFactorDue: dueOf(session),
  };
}
