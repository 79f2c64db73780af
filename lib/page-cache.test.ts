import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.mjs";
import { etagMatches, pageTarget, pickEncoding, wantsHtml, type PageTarget } from "./page-cache-targets.mjs";
import { RESOURCE_POLICY, documentPolicy } from "./security-headers.mjs";
import { badRequestTarget } from "./request-target.mjs";

const sha = (text: string) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("pageTarget: what the cache answers", () => {
  const get = (url: string, headers: { cookie?: string; accept?: string } = {}) => pageTarget("GET", url, headers);

  it("answers the status and help pages of anonymous visitors, in both languages", () => {
    for (const url of ["/status", "/ru/status", "/status/incidents/12", "/help", "/ru/help", "/faq", "/ru/faq"]) {
      expect(get(url), url).toMatchObject({ key: url, path: url, html: true });
    }
    expect(get("/help/articles/reset-your-password")).toMatchObject({ area: "help" });
    expect(get("/ru/help/billing")).toMatchObject({ area: "help" });
    expect(get("/status")).toMatchObject({ area: "status" });
    expect(get("/api/status")).toMatchObject({ area: "status", html: false });
    expect(get("/api/status?lang=ru")).toMatchObject({ key: "/api/status?lang=ru" });
    expect(get("/api/status/badge.svg?component=API")).toMatchObject({ key: "/api/status/badge.svg?component=api" });
    expect(pageTarget("HEAD", "/status", {})).not.toBeNull();
  });

  it("leaves to Next: other methods, signed-in visitors, queries, search, unknown addresses", () => {
    expect(pageTarget("POST", "/status", {})).toBeNull();
    expect(get("/status", { cookie: "next-auth.session-token=abc" })).toBeNull();
    expect(get("/help", { cookie: "theme=dark; __Secure-next-auth.session-token.0=abc" })).toBeNull();
    expect(get("/status", { cookie: "mayak-vid=abc-12345678" })).not.toBeNull();
    expect(get("/status?x=1")).toBeNull();
    expect(get("/api/status?lang=de")).toBeNull();
    expect(get("/help/search")).toBeNull();
    expect(get("/ru/help/search")).toBeNull();
    expect(get("/status/history")).toBeNull();
    expect(get("/en/status")).toBeNull();
    expect(get("/tickets")).toBeNull();
    expect(get("/help/articles/Bad_Slug")).toBeNull();
    // The reader chose Russian: /help redirects there (proxy.ts), /ru/help does not.
    expect(get("/help", { cookie: "mayak-locale=ru" })).toBeNull();
    expect(get("/ru/help", { cookie: "mayak-locale=ru" })).not.toBeNull();
  });

  it("never takes an address the server would refuse (server.mjs checks no other way on the hit path), and parses an address once", () => {
    for (const url of ["/status%FF", "/help/%E0%A4%A", "/%", "/faq%00", "/help/%1F", `/help/${"a".repeat(300)}`]) {
      expect(badRequestTarget(url), url).not.toBeNull();
      expect(get(url), url).toBeNull();
    }
    for (const url of ["/help/articles/a%2Fb", "/status?%", "/ru/status/feed.rss?lang=%FF"]) expect(get(url), url).toBeNull();
    expect(get("/ru/help/billing")).toBe(get("/ru/help/billing"));
    expect(Object.isFrozen(get("/status"))).toBe(true);
  });

  it("gives a feed opened by a browser its own key (the page about the feed), readers the feed", () => {
    const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    const reader = "application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, application/xml;q=0.4, text/xml;q=0.4";
    expect(get("/api/status/feed.rss", { accept: browser })).toMatchObject({ key: "/api/status/feed.rss html", accept: "text/html" });
    expect(get("/api/status/feed.rss", { accept: reader })).toMatchObject({ key: "/api/status/feed.rss", accept: "application/xml" });
    expect(get("/ru/status/feed.atom")).toMatchObject({ key: "/ru/status/feed.atom" });
    expect(wantsHtml(undefined)).toBe(false);
    expect(wantsHtml("*/*")).toBe(false);
    expect(wantsHtml("text/html;q=0.5, application/atom+xml")).toBe(false);
  });

  it("picks brotli, then gzip, as the client accepts them", () => {
    expect(pickEncoding(undefined)).toBe("identity");
    expect(pickEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(pickEncoding("gzip, deflate")).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip")).toBe("gzip");
    expect(pickEncoding("gzip;q=0.5, br;q=0.2")).toBe("gzip");
    expect(pickEncoding("*;q=1")).toBe("br");
    expect(pickEncoding("identity")).toBe("identity");
  });

  it("matches an If-None-Match naming any encoding of the tag", () => {
    expect(etagMatches('"abc"', "abc")).toBe(true);
    expect(etagMatches('W/"abc-br"', "abc")).toBe(true);
    expect(etagMatches('"x", "abc-gz"', "abc")).toBe(true);
    expect(etagMatches('"abcd"', "abc")).toBe(false);
    expect(etagMatches("*", "abc")).toBe(true);
  });
});

/** A render that waits until the test lets it finish, and reads the "database" when it starts. */
interface Flight {
  target: PageTarget;
  version: number;
  finish(status?: number): void;
  cut(): void;
}

describe("PageCache", () => {
  let server: http.Server;
  let base: string;
  let cache: PageCache;
  let clock: number;
  let data: number;
  let flights: Flight[];
  let logged: string[];

  const html = (v: number) =>
    `<!DOCTYPE html><html><body><main><h1>Version ${v}</h1></main><script>self.__next_f.push([${v}])</script></body></html>`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const t = pageTarget(req.method, req.url!, req.headers)!;
      const answered = cache.handle(req, res, t);
      if (answered !== true)
        void answered.then((ok) => {
          if (!ok) {
            res.writeHead(599);
            res.end("to next");
          }
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  beforeEach(() => {
    clock = 1_000_000;
    data = 1;
    // Each test's cache records into its own list: a render a previous test's cache still starts goes nowhere.
    const mine: Flight[] = [];
    flights = mine;
    logged = [];
    cache = new PageCache({
      now: () => clock,
      staleMs: 1500,
      logError: (m: string) => logged.push(m),
      render: (t: PageTarget) =>
        new Promise((resolve, reject) => {
          const version = data;
          mine.push({
            target: t,
            version,
            finish: (status = 200) =>
              resolve({
                status,
                headers: { "content-type": "text/html; charset=utf-8", "set-cookie": "x=1" },
                body: Buffer.from(html(version)),
              }),
            cut: () => reject(new Error("cut short")),
          });
        }),
    });
  });

  function request(path = "/status", headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${base}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  /** Lets the event loop run until the render in question has been asked for. */
  async function nextFlight(n: number): Promise<Flight> {
    const giveUp = Date.now() + 20_000;
    while (flights.length < n && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 2));
    expect(flights.length).toBe(n);
    return flights[n - 1]!;
  }

  const versionOf = (body: Buffer) => Number(/Version (\d+)/.exec(body.toString())?.[1]);

  /** Until no render of /status is under way (its result taken in or passed on), so the next request cannot join one. */
  async function settled() {
    const inFlight = () => (cache.entries.get("/status") as { flight: unknown } | undefined)?.flight;
    for (const giveUp = Date.now() + 20_000; inFlight() && Date.now() < giveUp;) await new Promise((r) => setTimeout(r, 2));
    expect(inFlight() ?? null).toBeNull();
  }

  it("renders a page once, then sends the same bytes in each encoding with a strong tag, a policy and no cookie of the render", async () => {
    const first = request("/status", { "accept-encoding": "identity" });
    (await nextFlight(1)).finish();
    const a = await first;
    expect(a.status).toBe(200);
    expect(versionOf(a.body)).toBe(1);
    expect(a.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(a.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, stale-while-revalidate=5");
    expect(a.headers["content-security-policy"]).toBe(documentPolicy({ hashes: [sha("self.__next_f.push([1])")] }));
    expect(a.headers["x-content-type-options"]).toBe("nosniff");
    expect(a.headers.vary).toBe("Accept-Encoding");
    // The render's own cookie is not kept; a new visitor gets a visitor id, as proxy.ts gives one.
    expect(a.headers["set-cookie"]).toEqual([expect.stringMatching(/^mayak-vid=[\w-]{36}; Path=\//)]);

    const br = await request("/status", { "accept-encoding": "gzip, br", cookie: "mayak-vid=abc-12345678" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["set-cookie"]).toBeUndefined();
    expect(zlib.brotliDecompressSync(br.body).equals(a.body)).toBe(true);
    const gz = await request("/status", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).equals(a.body)).toBe(true);
    expect(new Set([a.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    expect(flights).toHaveLength(1);

    const cached = await request("/status", { "if-none-match": br.headers.etag!, "accept-encoding": "br" });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
    expect(cached.headers.etag).toBe(br.headers.etag);
    expect(cached.headers["cache-control"]).toContain("s-maxage=5");
  });

  it("after a change, sends the old page for at most the stale window while it renders, then only pages rendered after the change", async () => {
    const first = request();
    (await nextFlight(1)).finish();
    expect(versionOf((await first).body)).toBe(1);

    data = 2; // committed
    clock += 100;
    cache.invalidate("status"); // heard
    const during = await nextFlight(2); // a page visited lately is rendered again at once
    expect(during.version).toBe(2);
    clock += 1499;
    expect(versionOf((await request()).body), "inside the window").toBe(1);
    clock += 1;
    const waiting = request();
    await new Promise((r) => setTimeout(r, 20));
    during.finish();
    expect(versionOf((await waiting).body), "the window has passed: it waits").toBe(2);
    expect(versionOf((await request()).body)).toBe(2);
  });

  it("does not take a render that began before the change for a fresh one", async () => {
    const first = request();
    (await nextFlight(1)).finish();
    await first;
    clock += 10_000;
    cache.refresh("status"); // time moved on: a render starts, nobody waits
    const early = await nextFlight(2);
    expect(early.version).toBe(1);
    data = 2;
    clock += 10;
    cache.invalidate("status"); // a change heard while that render runs
    clock += 2000;
    const waiting = request();
    early.finish();
    const late = await nextFlight(3);
    expect(late.version).toBe(2);
    late.finish();
    expect(versionOf((await waiting).body)).toBe(2);
  });

  it("never keeps a render that was cut short or not 200: the old page stays, waiting requests go to Next", async () => {
    const first = request();
    (await nextFlight(1)).finish();
    await first;
    data = 2;
    cache.invalidate("status");
    (await nextFlight(2)).cut();
    await new Promise((r) => setTimeout(r, 10));
    expect(logged).toHaveLength(1);
    expect(versionOf((await request()).body), "old bytes, whole, inside the window").toBe(1);
    const again = await nextFlight(3); // the stale page asked for a render again
    again.finish(503);
    await settled();
    clock += 1500;
    const passed = request();
    (await nextFlight(4)).finish(500);
    const p = await passed;
    expect(p.status).toBe(500);
    expect(p.headers["cache-control"]).toBe("no-store");
    const ok = request();
    (await nextFlight(5)).finish();
    expect(versionOf((await ok).body)).toBe(2);
  });

  it("time moving on re-renders visited pages and sends the old bytes meanwhile; a page not visited lately on its next visit", async () => {
    const first = request();
    (await nextFlight(1)).finish();
    await first;
    data = 2;
    cache.refresh("status"); // visited a moment ago: rendered at once
    const hot = await nextFlight(2);
    expect(versionOf((await request()).body), "nobody waits for a refresh").toBe(1);
    hot.finish();
    await settled();
    expect(versionOf((await request()).body)).toBe(2);
    clock += 60_000;
    data = 3;
    cache.refresh("status"); // not visited for a minute: nothing now
    await settled();
    expect(flights).toHaveLength(2);
    expect(versionOf((await request()).body), "the next visit gets the old bytes at once").toBe(2);
    (await nextFlight(3)).finish();
    await settled();
    expect(versionOf((await request()).body)).toBe(3);
  });

  it("with a wait limit, an overloaded render sends the previous page after the limit instead of hanging", async () => {
    cache = new PageCache({
      now: () => clock,
      staleMs: 1500,
      maxWaitMs: 50,
      render: (t: PageTarget) =>
        new Promise((resolve) => {
          const version = data;
          flights.push({
            target: t,
            version,
            finish: () => resolve({ status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(html(version)) }),
            cut: () => {},
          });
        }),
    });
    const first = request();
    (await nextFlight(1)).finish();
    await first;
    data = 2;
    cache.invalidate("status");
    clock += 1500;
    const slow = await nextFlight(2);
    expect(versionOf((await request()).body), "the render is slower than the window and the limit").toBe(1);
    expect(cache.stats.late).toBe(1);
    slow.finish();
    await settled();
    expect(versionOf((await request()).body)).toBe(2);
  });

  it("renders a page asked for by many at once only once", async () => {
    const all = Promise.all(Array.from({ length: 20 }, () => request()));
    (await nextFlight(1)).finish();
    const answers = await all;
    expect(answers.every((a) => versionOf(a.body) === 1)).toBe(true);
    expect(flights).toHaveLength(1);
  });

  it("keeps within its memory budget, least recently used out first, and sends non-HTML with the resource policy", async () => {
    const small = new PageCache({
      maxBytes: 1,
      render: async (t: PageTarget) => ({
        status: 200,
        headers: { "content-type": "application/json" },
        body: Buffer.from(`{"p":"${t.path}"}`),
      }),
    });
    cache = small;
    const a = await request("/api/status");
    expect(a.headers["content-security-policy"]).toBe(RESOURCE_POLICY);
    expect(a.headers["set-cookie"]).toBeUndefined();
    expect(small.entries.size).toBe(0);
    expect(small.bytes).toBe(0);
  });

  it.each([7, 42, 2026])(
    "invariant over a random run (seed %i): nothing older than the stale window after a change is ever sent",
    async (start) => {
      let seed = start;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      /** When each version's change was heard. */
      const heard = new Map<number, number>();
      const first = request();
      (await nextFlight(1)).finish();
      await first;
      let finished = 1;
      for (let step = 0; step < 200; step++) {
        const r = rand();
        if (r < 0.25) {
          data++;
          heard.set(data, clock);
          cache.invalidate("status");
        } else if (r < 0.5) {
          clock += Math.floor(rand() * 1200);
        } else if (r < 0.7 && flights.length > finished) {
          flights[finished++]!.finish();
        } else {
          const sentAt = clock;
          const pending = request();
          // Finish renders until the answer arrives.
          let answer: Awaited<typeof pending> | undefined;
          void pending.then((a) => (answer = a));
          // Bounded, so that a request the cache never answers fails the test instead of hanging it.
          const giveUp = Date.now() + 20_000;
          while (!answer && Date.now() < giveUp) {
            await new Promise((res) => setTimeout(res, 1));
            if (flights.length > finished) flights[finished++]!.finish();
          }
          expect(answer, `step ${step}`).toBeDefined();
          const v = versionOf(answer!.body);
          for (const [version, at] of heard) {
            if (at <= sentAt - 1500)
              expect(v, `step ${step}: version ${version} heard at ${at}, sent at ${sentAt}`).toBeGreaterThanOrEqual(version);
          }
        }
      }
    },
  );
});
