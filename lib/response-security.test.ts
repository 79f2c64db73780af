import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { HashedPolicyCache, createResponseGuard, inlineScriptHashes } from "./response-security.mjs";
import { RESOURCE_POLICY, documentPolicy } from "./security-headers.mjs";

const sha = (text: string) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The shape of a page Next renders: script files in the head, the page's markup, then Next's own inline scripts. */
function page(content: string, tail: string[] = ["(self.__next_f=self.__next_f||[]).push([0])", 'self.__next_f.push([1,"0:{}"])']) {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><script src="/_next/static/chunks/a.js" async=""></script></head>' +
    `<body><main>${content}</main><footer>Mayak</footer>` +
    '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(["x"])</script>' +
    '<script src="/_next/static/chunks/b.js" async=""></script>' +
    tail.map((t) => `<script>${t}</script>`).join("") +
    "</body></html>"
  );
}

describe("inlineScriptHashes", () => {
  it("matches the CSP specification's example", () => {
    expect(inlineScriptHashes("<body><script>alert('Hello, world.');</script></body>")).toEqual([
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    ]);
  });

  it("hashes every inline script Next appends, in order, and skips script files", () => {
    expect(inlineScriptHashes(page("<p>hi</p>"))).toEqual([
      sha('(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(["x"])'),
      sha("(self.__next_f=self.__next_f||[]).push([0])"),
      sha('self.__next_f.push([1,"0:{}"])'),
    ]);
  });

  it("steps over the segments React streams late, hashing the scripts around them but nothing inside them", () => {
    const html =
      "<!DOCTYPE html><html><body><main><p>hi</p></main><footer>Mayak</footer>" +
      "<script>requestAnimationFrame(function(){$RT=performance.now()});</script>" +
      '<script src="/_next/static/chunks/b.js" async=""></script>' +
      '<div hidden id="S:0"><form><div><input name="q"/></div></form><script>alert(1)</script></div>' +
      "<script>$RB=[];$RV=function(a){}</script>" +
      "<script>(self.__next_f=self.__next_f||[]).push([0])</script>" +
      "</body></html>";
    expect(inlineScriptHashes(html)).toEqual([
      sha("requestAnimationFrame(function(){$RT=performance.now()});"),
      sha("$RB=[];$RV=function(a){}"),
      sha("(self.__next_f=self.__next_f||[]).push([0])"),
    ]);
    // An unbalanced segment is not stepped over: the run ends there (the page then simply does not hydrate).
    const broken = html.replace("<div><input", "<input");
    expect(inlineScriptHashes(broken)).toEqual([sha("$RB=[];$RV=function(a){}"), sha("(self.__next_f=self.__next_f||[]).push([0])")]);
  });

  it("never hashes a script inside the page's markup, where rendered content lives", () => {
    const hashes = inlineScriptHashes(page('<div class="prose"><script>alert(1)</script></div>'));
    expect(hashes).toHaveLength(3);
    expect(hashes).not.toContain(sha("alert(1)"));
  });

  it("hashes the UTF-8 bytes of the script text, as the browser does", () => {
    const text = 'self.__next_f.push([1,"Статус: всё работает — ✓"])';
    expect(inlineScriptHashes(page("", [text]))).toContain(sha(text));
    expect(inlineScriptHashes(Buffer.from(page("", [text])))).toContain(sha(text));
  });

  it("keeps scripts that carry a nonce (a page cached after rendering with one), and whitespace between scripts", () => {
    const html = '<body><p>x</p><script nonce="abc">one()</script>\n  <script>two()</script>\n</body>\n</html>';
    expect(inlineScriptHashes(html)).toEqual([sha("one()"), sha("two()")]);
  });

  it("leaves out empty scripts, and reads to the end when there is no </body>", () => {
    expect(inlineScriptHashes("<p>x</p><script></script><script>a()</script>")).toEqual([sha("a()")]);
  });

  it("stops at anything that is not a script element", () => {
    expect(inlineScriptHashes("<body><script>a()</script><p>x</p><script>b()</script></body>")).toEqual([sha("b()")]);
    expect(inlineScriptHashes("<body><scripty>a()</script></body>")).toEqual([]);
    expect(inlineScriptHashes("<body><p>no scripts</p></body>")).toEqual([]);
  });
});

describe("HashedPolicyCache", () => {
  it("computes a page's policy once per distinct body and again when the body changes", () => {
    const cache = new HashedPolicyCache();
    const v1 = Buffer.from(page("<p>v1</p>", ['self.__next_f.push([1,"v1"])']));
    const first = cache.policy("/status", v1);
    expect(first).toBe(documentPolicy({ hashes: inlineScriptHashes(v1) }));
    expect(cache.policy("/status", Buffer.from(v1))).toBe(first);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);

    const v2 = Buffer.from(page("<p>v2</p>", ['self.__next_f.push([1,"v2"])']));
    const second = cache.policy("/status", v2);
    expect(second).not.toBe(first);
    expect(second).toContain(sha('self.__next_f.push([1,"v2"])'));
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
    expect(cache.bytes).toBe(v2.length);
  });

  it("reads compressed bodies and keeps to its size, least recently used out first", () => {
    const cache = new HashedPolicyCache(2500);
    const html = (n: number) => Buffer.from(page(`<p>${"x".repeat(1000)}${n}</p>`, [`self.__next_f.push([1,"${n}"])`]));
    expect(cache.policy("gzip /a", zlib.gzipSync(html(1)), "gzip")).toContain(sha('self.__next_f.push([1,"1"])'));
    expect(cache.policy("br /b", zlib.brotliCompressSync(html(2)), "br")).toContain(sha('self.__next_f.push([1,"2"])'));
    cache.policy(" /c", html(3));
    cache.policy(" /d", html(4));
    expect(cache.bytes).toBeLessThanOrEqual(2500);
    expect([...cache.entries.keys()]).not.toContain("gzip /a");
  });

  it("a body it cannot decode gets no inline script at all", () => {
    expect(new HashedPolicyCache().policy("gzip /x", Buffer.from("not gzip"), "gzip")).toBe(documentPolicy());
  });
});

describe("createResponseGuard on a real server", () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function serve(handler: http.RequestListener, options: Parameters<typeof createResponseGuard>[0] = {}) {
    const guard = createResponseGuard(options);
    const server = http.createServer((req, res) => {
      guard(req, res);
      handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function get(url: string, headers: Record<string, string> = {}, onResponse?: () => void) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          onResponse?.();
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  const CACHED = page("<h1>Status</h1>", ['self.__next_f.push([1,"cached"])']);

  it("a cached page (as Next sends it from its cache) gets the hashes of its inline scripts, computed once", async () => {
    const cache = new HashedPolicyCache();
    const body = Buffer.from(CACHED);
    const base = await serve(
      (_req, res) => {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("x-nextjs-cache", "HIT");
        res.setHeader("Content-Security-Policy", documentPolicy());
        res.setHeader("Content-Length", body.length);
        res.end(body);
      },
      { cache },
    );
    const first = await get(`${base}/status`);
    const second = await get(`${base}/status`);
    for (const r of [first, second]) {
      expect(r.status).toBe(200);
      expect(r.body.toString()).toBe(CACHED);
      expect(r.headers["content-security-policy"]).toBe(documentPolicy({ hashes: inlineScriptHashes(CACHED) }));
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      expect(r.headers["x-frame-options"]).toBe("DENY");
      expect(r.headers["strict-transport-security"]).toBeUndefined();
    }
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("a cached page that carries a nonce from its rendering still gets hashes, not that nonce", async () => {
    const base = await serve((_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("x-nextjs-cache", "MISS");
      res.setHeader("Content-Security-Policy", documentPolicy({ nonce: "old" }));
      res.write(CACHED.slice(0, 100));
      res.end(CACHED.slice(100));
    });
    const r = await get(`${base}/help`);
    expect(r.headers["content-security-policy"]).toBe(documentPolicy({ hashes: inlineScriptHashes(CACHED) }));
    expect(r.body.toString()).toBe(CACHED);
  });

  it("a page rendered per request keeps its nonce policy and streams: headers go out before the end", async () => {
    let release!: () => void;
    const headersSeen = new Promise<void>((r) => (release = r));
    const policy = documentPolicy({ nonce: "n0nce" });
    const base = await serve((_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Content-Security-Policy", policy);
      res.flushHeaders();
      res.write("<!DOCTYPE html><html><body><p>first</p>");
      void headersSeen.then(() => res.end('<script nonce="n0nce">x()</script></body></html>'));
    });
    const r = await get(`${base}/inbox`, {}, release);
    expect(r.headers["content-security-policy"]).toBe(policy);
    expect(r.body.toString()).toContain("first");
  });

  it("HTML without a nonce and outside the cache is hashed too", async () => {
    const base = await serve((_req, res) => {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
      res.end(CACHED);
    });
    const r = await get(`${base}/nowhere`);
    expect(r.status).toBe(404);
    expect(r.headers["content-security-policy"]).toBe(documentPolicy({ hashes: inlineScriptHashes(CACHED) }));
  });

  it("what is not HTML allows nothing", async () => {
    const base = await serve((req, res) => {
      res.setHeader("Content-Type", req.url === "/badge.svg" ? "image/svg+xml" : "application/json");
      res.setHeader("Content-Security-Policy", documentPolicy());
      res.end(req.url === "/badge.svg" ? "<svg/>" : "{}");
    });
    for (const path of ["/api/status", "/badge.svg"]) {
      const r = await get(`${base}${path}`);
      expect(r.headers["content-security-policy"]).toBe(RESOURCE_POLICY);
      expect(r.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    }
  });

  it("under Next's compression the held body is the compressed one; the hashes are those of the page", async () => {
    const compression = createRequire(import.meta.url)("next/dist/compiled/compression")() as (
      req: http.IncomingMessage,
      res: http.ServerResponse,
      next: () => void,
    ) => void;
    const cache = new HashedPolicyCache();
    const big = page(`<p>${"Всё работает. ".repeat(400)}</p>`, ['self.__next_f.push([1,"gz"])']);
    const base = await serve(
      (req, res) => {
        compression(req, res, () => {});
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("x-nextjs-cache", "HIT");
        res.end(big);
      },
      { cache },
    );
    for (let i = 0; i < 2; i++) {
      const r = await get(`${base}/status`, { "accept-encoding": "gzip" });
      expect(r.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(r.body).toString()).toBe(big);
      expect(r.headers["content-security-policy"]).toBe(documentPolicy({ hashes: inlineScriptHashes(big) }));
    }
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
  });

  it("sends Strict-Transport-Security when the public URL is https", async () => {
    const base = await serve((_req, res) => res.end("ok"), { publicUrl: "https://support.example.com" });
    expect((await get(`${base}/api/health`)).headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
