// Search over HTTP on the 10,000-article database: the rotating queries (cache hits after their first
// round), queries that never repeat (every answer computed), the same at typing pace, and the floor that
// HTTP and Next.js set at that concurrency.
import type { AppServer } from "../server";
import { load, paced, USER_AGENT } from "../http";
import { openSqlite } from "../db";
import { QUERIES } from "../help-corpus";
import { cpuShare, rssMb } from "../proc";
import { log } from "../report";
import type { HelpOptions } from "./options";
import { requestSeries, searchHeaders, searchPath } from "./search-requests";

// The pause of each client of the "typing" run after an answer: about as often as the header's instant search
// sends a search while someone types (it sends one after 180 ms without a keystroke), 200-400 ms.
export const TYPING_PAUSE_MS: [number, number] = [200, 400];

export type SearchRuns = Awaited<ReturnType<typeof runSearch>>;

export async function runSearch(
  app: AppServer,
  o: HelpOptions,
  uncachedQueries: { q: string; locale: "en" | "ru" }[],
  wordPool: { en: number; ru: number },
) {
  // Every query answers, and its total is kept to compare with the in-process engine.
  const appTotals: Record<string, number> = {};
  for (let i = 0; i < QUERIES.length; i++) {
    const res = await fetch(`${app.base}${searchPath(i + QUERIES.length)}`, { headers: searchHeaders(900_000 + i) });
    const body = (await res.json()) as { total?: number };
    if (res.status !== 200 || typeof body.total !== "number")
      throw new Error(`search "${QUERIES[i]!.q}": HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    appTotals[`${QUERIES[i]!.locale}:${QUERIES[i]!.q}`] = body.total;
  }
  const noHits = Object.entries(appTotals)
    .filter(([, n]) => n === 0)
    .map(([k]) => k);
  if (noHits.length) log(`queries without hits: ${noHits.join(", ")}`);

  // ---- The rotating queries.
  const rotating = requestSeries(searchPath, searchHeaders);
  log(
    `search: warm-up ${o.warmupSeconds} s, then ${o.searchSeconds} s at ${o.searchConnections} connections over ${QUERIES.length} queries`,
  );
  await load({ base: app.base, request: rotating.request, connections: o.searchConnections, seconds: o.warmupSeconds });
  const warmupSent = rotating.sent();
  const searchShare = cpuShare(app.pid);
  const search = await load({ base: app.base, request: rotating.request, connections: o.searchConnections, seconds: o.searchSeconds });
  const searchCpu = searchShare();
  if (search.ops === 0) throw new Error(`search: no successful request (first status ${search.sampleStatus})`);
  log(
    `search: ${search.perSecond} req/s, p50 ${search.p50} / p95 ${search.p95} / p99 ${search.p99} ms, ${search.errors} errors; CPU ${JSON.stringify(searchCpu)}`,
  );
  const searchRss = rssMb(app.pid);

  // ---- Queries that never repeat: every answer is computed, none cached.
  const uncachedPath = (i: number) => {
    const { q, locale } = uncachedQueries[i % uncachedQueries.length]!;
    return `/api/search?q=${encodeURIComponent(q)}&locale=${locale}${i % 2 === 1 ? "&log=0" : ""}`;
  };
  const distinct = requestSeries(uncachedPath, (i) => searchHeaders(200_000 + i));
  log(
    `search, uncached: warm-up ${o.warmupSeconds} s, then ${o.searchSeconds} s at ${o.searchConnections} connections, every query distinct (pool of ${uncachedQueries.length}; words: en ${wordPool.en}, ru ${wordPool.ru})`,
  );
  await load({ base: app.base, request: distinct.request, connections: o.searchConnections, seconds: o.warmupSeconds });
  const uncachedShare = cpuShare(app.pid);
  const uncached = await load({ base: app.base, request: distinct.request, connections: o.searchConnections, seconds: o.searchSeconds });
  const uncachedCpu = uncachedShare();
  const uncachedSent = distinct.sent();
  if (uncached.ops === 0) throw new Error(`search, uncached: no successful request (first status ${uncached.sampleStatus})`);
  if (uncachedSent > uncachedQueries.length)
    log(`warning: ${uncachedSent} uncached searches sent for ${uncachedQueries.length} distinct queries: some repeated`);
  log(
    `search, uncached: ${uncached.perSecond} req/s, p50 ${uncached.p50} / p95 ${uncached.p95} / p99 ${uncached.p99} ms, ${uncached.errors} errors; ${uncachedSent} requests sent; CPU ${JSON.stringify(uncachedCpu)}`,
  );

  // ---- The same distinct queries (continuing the series) from concurrent visitors rather than
  // back-to-back requests: each client pauses for TYPING_PAUSE_MS after each answer.
  log(
    `search, typing: ${o.searchSeconds} s, ${o.searchConnections} clients each sending a distinct query, then pausing ${TYPING_PAUSE_MS.join("-")} ms`,
  );
  const typingShare = cpuShare(app.pid);
  const typingFrom = distinct.sent();
  const typing = await paced({
    base: app.base,
    clients: o.searchConnections,
    seconds: o.searchSeconds,
    pauseMs: TYPING_PAUSE_MS,
    request: () => {
      const i = distinct.take();
      return { path: uncachedPath(i), headers: searchHeaders(400_000 + i) };
    },
  });
  const typingCpu = typingShare();
  const typingSent = distinct.sent() - typingFrom;
  if (typing.ops === 0)
    throw new Error(`search, typing: no successful request (${typing.non2xx} non-2xx answers, ${typing.errors} errors)`);
  if (distinct.sent() > uncachedQueries.length)
    log(`warning: ${distinct.sent()} uncached searches sent for ${uncachedQueries.length} distinct queries: some repeated`);
  log(
    `search, typing: ${typing.perSecond} req/s, p50 ${typing.p50} / p95 ${typing.p95} / p99 ${typing.p99} ms, ${typing.errors} errors; ${typingSent} requests sent; CPU ${JSON.stringify(typingCpu)}`,
  );

  // ---- A route that does next to nothing (SELECT 1), same concurrency: the floor that HTTP and Next.js set.
  log(`floor: GET /api/health, ${o.warmupSeconds} s + ${o.floorSeconds} s at ${o.searchConnections} connections`);
  const healthReq = { method: "GET", path: "/api/health", headers: { "user-agent": USER_AGENT } };
  await load({ base: app.base, request: healthReq, connections: o.searchConnections, seconds: o.warmupSeconds });
  const healthShare = cpuShare(app.pid);
  const health = await load({ base: app.base, request: healthReq, connections: o.searchConnections, seconds: o.floorSeconds });
  const healthCpu = healthShare();
  log(`floor: ${health.perSecond} req/s, p50 ${health.p50} / p95 ${health.p95} / p99 ${health.p99} ms; CPU ${JSON.stringify(healthCpu)}`);

  return {
    appTotals,
    warmupSent,
    search,
    searchCpu,
    searchRss,
    uncached,
    uncachedCpu,
    uncachedSent,
    typing,
    typingCpu,
    typingSent,
    health,
    healthCpu,
  };
}

/** Rows in kb_search_log once the app is stopped: about half the searches sent, the logged ones. */
export function countSearchLog(dbFile: string, runs: SearchRuns): number {
  const check = openSqlite(dbFile);
  const logged =
    check.dialect === "sqlite" ? (check.sqlite.prepare("select count(*) as n from kb_search_log").get() as { n: number }).n : 0;
  if (check.dialect === "sqlite") check.sqlite.close();
  log(
    `kb_search_log holds ${logged} rows (${runs.warmupSent + runs.search.ops + runs.uncachedSent} searches sent in warm-ups and runs, about half logged)`,
  );
  return logged;
}
