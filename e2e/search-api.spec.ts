import type { APIResponse } from "@playwright/test";
import { test, expect } from "./helpers";

/** What every response carries (lib/security-headers.mjs), whichever part of the server answered. */
function expectSecurityHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  // JSON allows nothing (default-src 'none'); pages load from the site itself (e2e/security-headers.spec.ts).
  expect(h["content-security-policy"]).toMatch(h["content-type"]?.startsWith("text/html") ? /default-src 'self'/ : /default-src 'none'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
}

test("GET /api/search answers JSON for other sites, with the security headers", async ({ request }) => {
  const res = await request.get("/api/search?q=backup&locale=en&log=0", { headers: { origin: "https://shop.example" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  expect(res.headers()["access-control-allow-origin"]).toBe("*");
  expect(res.headers()["cache-control"]).toBe("no-store");
  expectSecurityHeaders(res);
  // Answered by server.mjs itself: Next's router would add its `Vary: rsc, …` to a route handler's answer.
  expect(res.headers()["vary"] ?? "").not.toContain("rsc");

  const body = await res.json();
  expect(body).toMatchObject({ query: "backup", locale: "en" });
  expect(body.total).toBeGreaterThan(0);
  // Articles and FAQ entries are both answers: each links to its own page or to its anchor on the FAQ.
  for (const hit of body.hits) expect(hit.url).toMatch(/^\/(help\/articles\/|faq#)[a-z0-9-]+$/);
  expect(body.hits.some((h: { url: string }) => h.url.startsWith("/help/articles/"))).toBe(true);
  expect(body.hits.some((h: { titleHtml: string; snippetHtml: string }) => `${h.titleHtml} ${h.snippetHtml}`.includes("<mark>"))).toBe(
    true,
  );

  const ru = await (await request.get(`/api/search?q=${encodeURIComponent("резервной копии")}&locale=ru&log=0`)).json();
  expect(ru.total).toBeGreaterThan(0);
  expect(ru.hits[0].url).toMatch(/^\/ru\/(help\/articles\/|faq#)/);
});

test("GET /api/search with bad input answers 400 with a clear message, not an error page", async ({ request }) => {
  const res = await request.get("/api/search?q=backup&locale=xx");
  expect(res.status()).toBe(400);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  expectSecurityHeaders(res);
  expect((await res.json()).error).toMatch(/^locale: /);
});

test("pages served by Next keep their security headers beside the search endpoint", async ({ request }) => {
  const res = await request.get("/help");
  expect(res.status()).toBe(200);
  expectSecurityHeaders(res);
});
