import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import vm from "node:vm";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FLIGHT_GRACE_MS, IMMUTABLE, PageCache } from "./page-cache.mjs";
import { FLIGHT_PREFIX, parseFlightPath, splitFlight } from "./page-cache-flight.mjs";
import { pageTarget, type PageTarget } from "./page-cache-targets.mjs";
import { documentPolicy } from "./security-headers.mjs";

const sha = (text: string) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** A page as Next writes it: its words, a script of its own, then the flight data in inline scripts. */
const page = (v: number) =>
  `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script></head><body><main><h1>Version ${v}</h1></main>` +
  `<script>$RC("B:0","S:0")</script><script>(self.__next_f=self.__next_f||[]).push([0])</script>` +
  `<script>self.__next_f.push([1,"0:{\\"v\\":${v},\\"t\\":\\"a)\\u003c/script\\u003e\\"}\\n"])</script>` +
  `<script nonce="n0">self.__next_f.push([1,"1:[]\\n"])</script></body></html>`;

/** Runs a flight script as the browser would, before Next's own scripts: what it leaves for React. */
function pushedBy(script: string): unknown[] {
  const self: { __next_f?: unknown[] } = {};
  vm.runInNewContext(script, { self });
  return self.__next_f!;
}

describe("splitFlight: the page's React payload as a script of its own", () => {
  it("takes every flight script out, in order, and leaves one script address where the first stood", () => {
    const split = splitFlight(Buffer.from(page(7)), "/ru/status")!;
    const html = split.html.toString();
    expect(html).toContain("<h1>Version 7</h1>");
    expect(html).not.toContain("__next_f");
    const src = `${FLIGHT_PREFIX}${split.hash}/ru/status.js`;
    expect(html).toContain(`<script>$RC("B:0","S:0")</script><script src="${src}"></script></body></html>`);
    expect(pushedBy(split.script.toString())).toEqual([[0], [1, '0:{"v":7,"t":"a)</script>"}\n'], [1, "1:[]\n"]]);
    expect(parseFlightPath(src)).toEqual({ hash: split.hash, page: "/ru/status" });
    expect(splitFlight(Buffer.from(page(8)), "/ru/status")!.hash).not.toBe(split.hash);
  });

  it("leaves a page without flight data alone, and reads only addresses it makes", () => {
    expect(splitFlight(Buffer.from("<html><body><script>alert(1)</script></body></html>"), "/status")).toBeNull();
    for (const bad of [
      "/_mayak/flight/short/status.js",
      "/_mayak/flight/aaaaaaaaaaaaaaaaaaaaaa/status.js?x=1",
      "/_mayak/flight/aaaaaaaaaaaaaaaaaaaaaa/../x.js",
    ])
      expect(parseFlightPath(bad)).toBeNull();
  });
});

describe("PageCache with split flight data", () => {
  let server: http.Server;
  let base: string;
  let cache: PageCache;
  let clock: number;
  let version: number;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url!.startsWith(FLIGHT_PREFIX)) return cache.handleFlight(req, res);
      const answered = cache.handle(req, res, pageTarget(req.method, req.url!, req.headers)!);
      if (answered !== true) void answered;
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    clock = 1_000_000;
    version = 1;
    cache = new PageCache({
      now: () => clock,
      splitFlight: (t: PageTarget) => t.area === "status",
      render: async () => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from(page(version)) }),
    });
  });

  function get(path: string, headers: Record<string, string> = {}) {
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
  const srcOf = (html: Buffer) => /<script src="(\/_mayak\/flight\/[^"]+)">/.exec(html.toString())![1];
  async function rendered() {
    for (let i = 0; i < 200; i++) {
      const res = await get("/status");
      if (res.status === 200) return res;
    }
    throw new Error("never rendered");
  }

  it("sends the page without its flight data, and the script at its address, kept for good, in each encoding", async () => {
    const html = await rendered();
    expect(html.body.toString()).not.toContain("__next_f");
    // Only the page's own inline script is left for the policy to allow.
    expect(html.headers["content-security-policy"]).toBe(documentPolicy({ hashes: [sha('$RC("B:0","S:0")')] }));
    const src = srcOf(html.body);
    const script = await get(src, { "accept-encoding": "identity" });
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["cache-control"]).toBe(IMMUTABLE);
    expect(script.headers["set-cookie"]).toBeUndefined();
    expect(pushedBy(script.body.toString())).toHaveLength(3);
    const br = await get(src, { "accept-encoding": "br" });
    expect(zlib.brotliDecompressSync(br.body).equals(script.body)).toBe(true);
    expect((await get(src, { "if-none-match": script.headers.etag! })).status).toBe(304);
  });

  it("after a change serves the new script, the old one for a while to those who read the old page, then the current one not to keep", async () => {
    const oldSrc = srcOf((await rendered()).body);
    version = 2;
    cache.invalidate("status");
    let fresh = oldSrc;
    for (let i = 0; i < 200 && fresh === oldSrc; i++) fresh = srcOf((await get("/status")).body);
    expect(fresh).not.toBe(oldSrc);
    const now = await get(fresh);
    expect(pushedBy(now.body.toString())[1]).toEqual([1, expect.stringContaining('"v":2')]);
    const old = await get(oldSrc);
    expect(old.headers["cache-control"]).toBe(IMMUTABLE);
    expect(pushedBy(old.body.toString())[1]).toEqual([1, expect.stringContaining('"v":1')]);

    clock += FLIGHT_GRACE_MS + 1;
    version = 3;
    cache.invalidate("status");
    let third = fresh;
    for (let i = 0; i < 200 && third === fresh; i++) third = srcOf((await get("/status")).body);
    const gone = await get(oldSrc); // retired long ago: the page's current script, not to be kept
    expect(gone.status).toBe(200);
    expect(gone.headers["cache-control"]).toBe("no-store");
    expect(pushedBy(gone.body.toString())[1]).toEqual([1, expect.stringContaining('"v":3')]);
    expect((await get(`${FLIGHT_PREFIX}${"a".repeat(22)}/ru/status.js`)).status).toBe(404);
    expect((await get(`${FLIGHT_PREFIX}nothing`)).status).toBe(404);
  });
});
