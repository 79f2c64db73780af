import "server-only";
import { ZodError } from "zod";
import { getDb, type DB } from "../db";
import { VISITOR_COOKIE, visitorFrom } from "../auth/session";
import { clientIp } from "../auth/request-info";
import { getLocalRateLimits, type RateLimits } from "../shared-state/rate-limits";
import type { RequestCtx } from "../context";
import { getSearchEngine } from "../search";
import type { SearchEngine } from "../search/engine";
import { boot } from "../boot";
import { searchArticles } from "./search-articles";

/** An HTTP answer as plain data: the Next route and the production server each turn it into their response. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SearchHttpDeps {
  db: DB;
  engine: SearchEngine;
  /** Resolves once the app is migrated and the index is built. */
  ready: () => Promise<void>;
  now?: () => number;
  /** This process's own limits by default (see SEARCHES). */
  limits?: RateLimits;
}

/** The production server (server.mjs) answers GET /api/search with the function found under this key, outside Next's router. */
export const SEARCH_HTTP_KEY = Symbol.for("mayak.searchHttp");
export type SearchHttp = (url: string, headers: Headers) => Promise<HttpAnswer>;

/**
 * Per address and per instance: counted in this process (server/shared-state's local store), never in the
 * shared one, because a database or Redis round trip would cost more than the search it guards. Behind a
 * load balancer with N instances an address may therefore search up to N times this; the limit protects
 * each instance's CPU, which is what it is for.
 */
const SEARCHES = { name: "search", points: 600, durationSec: 60 };
const JSON_TYPE = "application/json";

const json = (status: number, value: unknown, extra?: Record<string, string>): HttpAnswer => ({
  status,
  headers: { "Content-Type": JSON_TYPE, ...extra },
  body: JSON.stringify(value),
});

/** One cookie's value from a Cookie header, without parsing the others. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const appDeps = (): SearchHttpDeps => ({ db: getDb(), engine: getSearchEngine(), ready: boot });

/**
 * GET /api/search?q=&locale=en|ru[&category=&kind=article|faq&limit=&offset=&log=0]: JSON for this site and
 * others. Public: no session is read (it costs a token decryption per request), only the client's address
 * (rate limit) and the anonymous visitor cookie (search analytics). `log=0` keeps the query out of the log.
 */
export async function searchHttp(url: string, headers: Headers, deps: SearchHttpDeps = appDeps()): Promise<HttpAnswer> {
  const ctx: RequestCtx = {
    actor: null,
    ip: clientIp(headers),
    userAgent: "",
    now: deps.now ?? Date.now,
    visitor: visitorFrom(cookieValue(headers.get("cookie"), VISITOR_COOKIE)),
  };
  // Other sites call this endpoint from the browser: every answer, errors too, is readable by them.
  const open = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
  const limit = await (deps.limits ?? getLocalRateLimits()).consume(SEARCHES, ctx.ip);
  if (!limit.allowed) {
    return json(429, { error: "Too many searches. Please wait a minute." }, { ...open, "Retry-After": String(limit.retryAfterSec) });
  }
  const params = Object.fromEntries(new URL(url, "http://localhost").searchParams);
  try {
    await deps.ready();
    const body = await searchArticles(deps.db, deps.engine, ctx, params, { log: params.log !== "0" });
    return json(200, body, open);
  } catch (err) {
    if (err instanceof ZodError) {
      return json(400, { error: err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, open);
    }
    throw err;
  }
}
