import http from "node:http";
import zlib from "node:zlib";
import { test, expect, ok, tag, trpcMutation } from "./helpers";

// The public pages anonymous visitors get from server.mjs's memory (lib/page-cache.mjs), and the feeds'
// page for browsers.

function rawGet(url: string, encoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("anonymous visitors get the status page from memory: strong tags, 304, brotli and gzip, a hash policy; staff go through Next", async ({
  request,
  pageAs,
}) => {
  await request.get("/status");
  const res = await request.get("/status", { headers: { "accept-encoding": "identity" } });
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["x-page-cache"]).toBe("hit");
  expect(h.etag).toMatch(/^"[\w-]{27}"$/);
  expect(h["cache-control"]).toContain("s-maxage=5");
  expect(h["content-security-policy"]).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/);
  expect(h["content-security-policy"]).not.toContain("nonce-");
  const body = await res.body();
  // The React payload is a script of its own (lib/page-cache-flight.mjs), kept for good at its address; the
  // page still hydrates from it (status-layout.spec.ts taps a day of a strip).
  expect(body.toString()).not.toContain("__next_f");
  const src = /<script src="(\/_mayak\/flight\/[\w-]{22}\/status\.js)">/.exec(body.toString())?.[1];
  expect(src, "the page names its flight script").toBeTruthy();
  const script = await request.get(src!);
  expect(script.status()).toBe(200);
  expect(script.headers()["cache-control"]).toContain("immutable");
  expect(await script.text()).toContain("self.__next_f.push(");

  const again = await request.get("/status", { headers: { "if-none-match": h.etag!, "accept-encoding": "identity" } });
  expect(again.status()).toBe(304);

  // Playwright's client and fetch decode what they asked for: read the raw bytes with node:http.
  for (const [encoding, decode] of [
    ["br", zlib.brotliDecompressSync],
    ["gzip", zlib.gunzipSync],
  ] as const) {
    const raw = await rawGet(new URL("/status", test.info().project.use.baseURL).toString(), encoding);
    expect(raw.headers["content-encoding"]).toBe(encoding);
    expect(raw.headers.etag).not.toBe(h.etag);
    expect(decode(raw.body).equals(body), `${encoding} holds the same page`).toBe(true);
  }

  const lead = await pageAs("lead");
  const staff = await lead.request.get("/status");
  expect(staff.status()).toBe(200);
  expect(staff.headers()["x-page-cache"]).toBeUndefined();
});

test("a staff change shows on the anonymous, cached status page in both languages", async ({ request, pageAs }) => {
  const lead = await pageAs("lead");
  const name = `Cache check ${tag()}`;
  await request.get("/status");
  await request.get("/ru/status");
  ok(
    await trpcMutation<{ id: number }>(lead.request, "status.components.create", {
      slug: `cache-${tag()}`.toLowerCase(),
      nameEn: name,
      nameRu: `${name} ru`,
    }),
  );
  for (const [path, text] of [
    ["/status", name],
    ["/ru/status", `${name} ru`],
  ] as const) {
    await expect
      .poll(async () => (await (await request.get(path)).text()).includes(text), {
        message: `${path} shows the new component`,
        timeout: 15_000,
        intervals: [100],
      })
      .toBe(true);
    expect((await request.get(path)).headers()["x-page-cache"]).toBe("hit");
  }
});

test("a feed opened in a browser explains itself; a feed reader gets the feed", async ({ page, request }) => {
  for (const [path, heading] of [
    ["/api/status/feed.rss", "This is the status page's RSS feed"],
    ["/api/status/feed.atom?lang=ru", "Это лента Atom страницы статуса"],
    ["/ru/status/feed.rss", "Это лента RSS страницы статуса"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.locator("code")).toContainText("/api/status/feed.");
  }
  await page.goto("/status");
  await page.getByRole("link", { name: "RSS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "This is the status page's RSS feed" })).toBeVisible();

  const reader = await request.get("/api/status/feed.rss", {
    headers: { accept: "application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, */*;q=0.5" },
  });
  expect(reader.headers()["content-type"]).toContain("application/rss+xml");
  expect(await reader.text()).toContain("<rss");
  const plain = await request.get("/api/status/feed.atom", { headers: { accept: "*/*" } });
  expect(plain.headers()["content-type"]).toContain("application/atom+xml");
  expect(plain.headers().vary).toContain("Accept");
});
