// The search requests of the help benchmark, shared by the search runs and the server comparison.
import type { AutocannonRequest } from "autocannon";
import { fakeIp, USER_AGENT } from "../http";
import { QUERIES } from "../help-corpus";

/** The i-th of the rotating queries: after their first round, the engine answers them from its cache. */
export function searchPath(i: number): string {
  const { q, locale } = QUERIES[i % QUERIES.length]!;
  // Each query goes once logged and once with log=0, in turn: half of the requests write to kb_search_log.
  const noLog = Math.floor(i / QUERIES.length) % 2 === 1;
  return `/api/search?q=${encodeURIComponent(q)}&locale=${locale}${noLog ? "&log=0" : ""}`;
}

// A visitor key as a browser sends it (the search log keeps it); distinct client addresses keep the
// per-address rate limit (600 searches a minute) out of the way.
export function searchHeaders(i: number): Record<string, string> {
  return { "user-agent": USER_AGENT, "x-forwarded-for": fakeIp(i), cookie: `mayak-vid=bench-visitor-${i % 500}` };
}

export interface RequestSeries {
  /** For autocannon: its n-th request goes to `pathOf(n)` with `headersOf(n)`. */
  request: AutocannonRequest;
  /** The next n, for another sender that continues the same series (the typing clients). */
  take(): number;
  /** How many requests the series has handed out. */
  sent(): number;
}

export function requestSeries(pathOf: (n: number) => string, headersOf: (n: number) => Record<string, string>): RequestSeries {
  let n = 0;
  return {
    request: {
      method: "GET",
      path: pathOf(0),
      headers: headersOf(0),
      setupRequest: (req) => {
        const i = n++;
        return { ...req, path: pathOf(i), headers: headersOf(i) };
      },
    },
    take: () => n++,
    sent: () => n,
  };
}
