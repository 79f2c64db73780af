import { ZodError } from "zod";
import { getDb, type DB } from "../db";
import { VISITOR_COOKIE, visitorFrom } from "../auth/session";
import { clientIp } from "../auth/request-info";
import { checkRateLimit } from "../auth/rate-limit";
import type { RequestCtx } from "../context";
import { getSearchEngine } from "../search";
import type { SearchEngine, SearchRequest, SearchResult } from "../search/engine";
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
}

/** The production server (server.mjs) answers GET /api/search with the function found under this key, outside Next's router. */
export const SEARCH_HTTP_KEY = Symbol.for("mayak.searchHttp");
export type SearchHttp = (url: string, headers: Headers) => Promise<HttpAnswer>;

const SEARCHES_PER_MINUTE = 600;
/** How long an answer is given again without asking the engine, and how many are kept. */
export const RECENT_ANSWER_MS = 1000;
const RECENT_ANSWERS = 1000;
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

type Recent = Map<string, { at: number; result: SearchResult }>;
const recentByEngine = new WeakMap<SearchEngine, Recent>();

/**
 * The engine, giving an answer it gave within the last second again without asking it. Popular queries
 * repeat many times a second under load, and even the engine's own cache of answers first corrects the
 * query's typos (about 0.3-0.5 ms, more than all the rest of the request). A change to the index shows at
 * most a second later; it reaches the index through the job queue, which takes about that anyway.
 */
export function withRecentAnswers(engine: SearchEngine, now: () => number): SearchEngine {
  let recent = recentByEngine.get(engine);
  if (!recent) recentByEngine.set(engine, (recent = new Map()));
  const answers = recent;
  const search = async (req: SearchRequest): Promise<SearchResult> => {
    const key = JSON.stringify([req.q, req.locale, req.category, req.kind, req.limit, req.offset]);
    const t = now();
    const known = answers.get(key);
    if (known && t - known.at < RECENT_ANSWER_MS) return known.result;
    const result = await engine.search(req);
    answers.delete(key);
    answers.set(key, { at: t, result });
    // Oldest first: a Map keeps insertion order.
    if (answers.size > RECENT_ANSWERS) answers.delete(answers.keys().next().value!);
    return result;
  };
  // Everything but `search` is the engine's own.
  return Object.create(engine, { search: { value: search } }) as SearchEngine;
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
  if (!checkRateLimit("search", ctx.ip, SEARCHES_PER_MINUTE, 60_000, ctx.now())) {
    return json(429, { error: "Too many searches. Please wait a minute." });
  }
  const params = Object.fromEntries(new URL(url, "http://localhost").searchParams);
  try {
    await deps.ready();
    const engine = withRecentAnswers(deps.engine, ctx.now);
    const body = await searchArticles(deps.db, engine, ctx, params, { log: params.log !== "0" });
    return json(200, body, { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" });
  } catch (err) {
    if (err instanceof ZodError) {
      return json(400, { error: err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    }
    throw err;
  }
}
