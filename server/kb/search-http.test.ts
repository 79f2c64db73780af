import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import type { DB } from "../db";
import { createOramaEngine } from "../search/orama-engine";
import { loadSearchDocs } from "../search/search-docs";
import type { SearchEngine } from "../search/engine";
import { cookieValue, searchHttp, type SearchHttpDeps } from "./search-http";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/client-ip.mjs";

// As under server.mjs, which stamps every request with the address it decided from the socket.
markClientIpStamped();

let addresses = 0;
/** A client address no other test has used: the rate limit counts per address, for the whole test file. */
const freshIp = () => `2001:db8::${(++addresses).toString(16)}`;
const headers = (ip = freshIp(), cookie?: string) => new Headers({ [CLIENT_IP_HEADER]: ip, ...(cookie ? { cookie } : {}) });

const searchLog = async (db: DB) =>
  db.selectFrom("kb_search_log").select(["query", "locale", "results", "visitor"]).orderBy("id").execute();

describe("cookieValue", () => {
  it("finds one cookie among others and ignores a malformed value", () => {
    expect(cookieValue("a=1; mayak-vid=abc-12345678; b=2", "mayak-vid")).toBe("abc-12345678");
    expect(cookieValue("xmayak-vid=1", "mayak-vid")).toBeUndefined();
    expect(cookieValue("mayak-vid=%E0%A4%A", "mayak-vid")).toBeUndefined();
    expect(cookieValue(null, "mayak-vid")).toBeUndefined();
  });
});

describeEachDialect("GET /api/search as plain HTTP data (tests run in order)", (use) => {
  const clock = manualClock();
  const limits = createMemoryRateLimits(clock.now);
  let engine: SearchEngine;
  let readyCalls = 0;
  const deps = (): SearchHttpDeps => ({ db: use(), engine, ready: async () => void readyCalls++, now: clock.now, limits });
  const get = (query: string, h = headers()) => searchHttp(`/api/search?${query}`, h, deps());

  beforeAll(async () => {
    const db = use();
    const api = apiAs(db, await makeLead(db), clock.now);
    for (const [slug, title] of [
      ["restore-a-backup", "How to restore a backup"],
      ["report-an-incident", "How to report an incident"],
    ]) {
      await api.kb.save({
        slug,
        translationKey: slug,
        locale: "en",
        category: "sla",
        title,
        body: `${title}: step by step.`,
        status: "published",
      });
    }
    engine = createOramaEngine();
    await engine.replaceAll(await loadSearchDocs(db));
  });

  it("answers hits as JSON for any site, never cached, and logs the query with the visitor", async () => {
    const before = readyCalls;
    const res = await get("q=backup&locale=en", headers(freshIp(), "theme=dark; mayak-vid=visitor-http-1"));
    expect(res.status).toBe(200);
    expect(res.headers).toEqual({ "Content-Type": "application/json", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" });
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ query: "backup", locale: "en", total: 1 });
    expect(body.hits[0]).toMatchObject({ slug: "restore-a-backup", url: "/help/articles/restore-a-backup" });
    expect(body.hits[0].titleHtml).toContain("<mark>");
    expect(readyCalls).toBe(before + 1);
    expect(await searchLog(use())).toEqual([{ query: "backup", locale: "en", results: 1, visitor: "visitor-http-1" }]);
  });

  it("log=0 answers the same and writes nothing", async () => {
    const before = await searchLog(use());
    const res = await get("q=incident&locale=en&log=0");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ total: 1, hits: [{ slug: "report-an-incident" }] });
    expect(await searchLog(use())).toEqual(before);
  });

  it("bad input is a 400 with a message naming the field, and nothing is logged", async () => {
    const before = await searchLog(use());
    const bad = [
      ["q=backup&locale=xx", /^locale: /],
      [`q=${"backup ".repeat(40)}`, /^q: The search is too long \(at most 200 characters\)$/],
      ["q=backup&limit=500", /^limit: /],
      ["q=backup&kind=video", /^kind: /],
    ] as const;
    for (const [query, message] of bad) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers["Content-Type"]).toBe("application/json");
      expect(res.headers["Access-Control-Allow-Origin"], "other sites can read the message").toBe("*");
      expect(JSON.parse(res.body).error).toMatch(message);
    }
    expect(await searchLog(use())).toEqual(before);
  });

  it("an address gets 429 after 600 searches in a minute; other addresses are not affected, and the window passes", async () => {
    const ip = freshIp();
    for (let i = 0; i < 600; i++) expect((await get("q=&log=0", headers(ip))).status).toBe(200);
    const limited = await get("q=backup&log=0", headers(ip));
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toEqual({ error: "Too many searches. Please wait a minute." });
    expect(limited.headers).toMatchObject({ "Access-Control-Allow-Origin": "*", "Retry-After": "60" });
    // A forged X-Forwarded-For does not make the same client another one.
    const forged = headers(ip);
    forged.set("x-forwarded-for", "192.0.2.7");
    expect((await get("q=backup&log=0", forged)).status).toBe(429);
    expect((await get("q=backup&log=0")).status).toBe(200);
    clock.advance(60_000);
    expect((await get("q=backup&log=0", headers(ip))).status).toBe(200);
  });
});
