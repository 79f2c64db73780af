import crypto from "node:crypto";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { test, expect } from "./helpers";

// Every kind of response the app sends carries the security headers, and every HTML page's scripts are
// allowed by its Content-Security-Policy in exactly one way: a page rendered per request by the nonce
// proxy.ts gave it (on every script), a page from Next's cache by the hashes server.mjs listed (of every
// inline script). Then the pages are opened in the browser: they must work with no violation reported.

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
const sha256 = (text: string) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

interface Script {
  attributes: string;
  text: string;
  src: boolean;
  nonce: string | undefined;
}

/** Every <script> element of the HTML, wherever it is (not only where server.mjs looks for Next's). */
function scriptsOf(html: string): Script[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].map(([, attributes, text]) => ({
    attributes: attributes!,
    text: text!,
    src: /\ssrc\s*=/i.test(attributes!),
    nonce: /\snonce="([^"]*)"/i.exec(attributes!)?.[1],
  }));
}

function expectCommonHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(h["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(h["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], `${what}: Permissions-Policy`).toContain("camera=()");
  // The e2e server's public URL is http: no HSTS (an https one gets it, see lib/response-security.test.ts).
  expect(h["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
  const csp = h["content-security-policy"];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  // One policy, not two combined (a second one would only make it stricter, but it would be a mistake).
  expect(csp, `${what}: one policy`).not.toContain(",");
  const d = directives(csp!);
  expect(d.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  const script = d.get("script-src") ?? d.get("default-src");
  expect(script, `${what}: script-src or default-src`).toBeTruthy();
  expect(script, `${what}: no 'unsafe-inline' for scripts`).not.toContain("'unsafe-inline'");
  expect(script, `${what}: no 'unsafe-eval' in production`).not.toContain("'unsafe-eval'");
  return d;
}

/** An HTML page: its policy allows each of its scripts, by nonce or by hash. Returns how. */
async function expectPageAllowsItsScripts(res: APIResponse, what: string): Promise<"nonce" | "hashes"> {
  expect(res.headers()["content-type"], what).toMatch(/^text\/html/);
  const d = expectCommonHeaders(res, what);
  expect(d.get("default-src"), what).toEqual(["'self'"]);
  expect(d.get("object-src"), what).toEqual(["'none'"]);
  expect(d.get("base-uri"), what).toEqual(["'self'"]);
  const sources = d.get("script-src")!;
  const scripts = scriptsOf(await res.text());
  // An empty inline script is never run, so no policy is asked about it.
  const inline = scripts.filter((s) => !s.src && s.text !== "");
  expect(inline.length, `${what}: Next's inline scripts are there to check`).toBeGreaterThan(1);

  const nonce = sources.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  if (nonce) {
    expect(sources, `${what}: a nonce page trusts what its scripts load`).toContain("'strict-dynamic'");
    expect(
      sources.filter((s) => s.startsWith("'sha")),
      `${what}: a nonce page lists no hashes`,
    ).toEqual([]);
    expect(nonce.length, `${what}: 128 bits of nonce`).toBeGreaterThanOrEqual(22);
    // With 'strict-dynamic' every script the parser meets needs the nonce, script files included.
    for (const s of scripts) expect(s.nonce, `${what}: <script${s.attributes}> carries the nonce`).toBe(nonce);
    return "nonce";
  }
  const hashes = sources.filter((s) => s.startsWith("'sha256-"));
  expect(sources, `${what}: a cached page does not use 'strict-dynamic' (its script files load by 'self')`).not.toContain(
    "'strict-dynamic'",
  );
  for (const s of inline)
    expect(hashes, `${what}: the hash of <script${s.attributes}>${s.text.slice(0, 60)}… is listed`).toContain(sha256(s.text));
  expect(hashes.length, `${what}: no hash for a script that is not there`).toBe(new Set(inline.map((s) => sha256(s.text))).size);
  return "hashes";
}

/** Listens for CSP violations in the page (events and Chromium's console messages), across navigations. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

async function get(request: APIRequestContext, path: string) {
  const res = await request.get(path, { maxRedirects: 0 });
  return res;
}

test.describe("security headers on every kind of response", () => {
  test("cached public pages, in both languages, list the hashes of their inline scripts", async ({ request }) => {
    for (const path of ["/help", "/ru/help", "/status", "/ru/status", "/faq", "/help/articles/report-an-incident"]) {
      // Twice: the first answer may render the page (a cache miss), the second comes from the cache.
      for (let i = 0; i < 2; i++) {
        const res = await get(request, path);
        expect(res.status(), path).toBe(200);
        // From server.mjs's page cache (lib/page-cache.mjs), or from Next's own cache under plain `next start`.
        expect(res.headers()["x-page-cache"] ?? res.headers()["x-nextjs-cache"], `${path} is served from a cache`).toBeTruthy();
        expect(await expectPageAllowsItsScripts(res, path)).toBe("hashes");
      }
    }
  });

  test("a signed-in page gets a fresh nonce on every request, on every script", async ({ pageAs }) => {
    const agent = await pageAs("agent");
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await get(agent.context().request, "/inbox");
      expect(res.status()).toBe(200);
      expect(res.headers()["x-nextjs-cache"], "rendered per request").toBeUndefined();
      expect(await expectPageAllowsItsScripts(res, "/inbox")).toBe("nonce");
      nonces.add(/'nonce-([^']+)'/.exec(res.headers()["content-security-policy"]!)![1]!);
    }
    expect(nonces.size).toBe(2);
    // Search results render per request too, and so does the sign-in page.
    for (const path of ["/help/search?q=backup", "/signin"])
      expect(await expectPageAllowsItsScripts(await get(agent.context().request, path), path)).toBe("nonce");
  });

  test("not-found pages are allowed their scripts too", async ({ request }) => {
    for (const path of ["/no-such-page", "/help/articles/no-such-article", "/ru/status/incidents/999999"]) {
      const res = await get(request, path);
      expect(res.status(), path).toBe(404);
      await expectPageAllowsItsScripts(res, path);
    }
  });

  test("JSON, feeds, the badge and the search endpoint allow nothing at all", async ({ request }) => {
    const cases: [string, RegExp][] = [
      ["/api/status", /^application\/json/],
      ["/api/health", /^application\/json/],
      ["/status/feed.rss", /^application\/rss\+xml/],
      ["/ru/status/feed.atom", /^application\/atom\+xml/],
      ["/api/status/badge.svg", /^image\/svg\+xml/],
      // Answered by server.mjs itself, outside Next.
      ["/api/search?q=backup&locale=en&log=0", /^application\/json/],
      ["/api/search?q=backup&locale=xx", /^application\/json/],
      ["/sitemap.xml", /xml/],
      ["/robots.txt", /^text\/plain/],
    ];
    for (const [path, type] of cases) {
      const res = await get(request, path);
      expect(res.status(), path).toBeLessThan(500);
      expect(res.headers()["content-type"], path).toMatch(type);
      const d = expectCommonHeaders(res, path);
      expect(d.get("default-src"), path).toEqual(["'none'"]);
      expect(d.has("script-src"), path).toBe(false);
    }
    // A redirect and a refused request target carry them too.
    for (const path of ["/en/help", "/%FF"]) expectCommonHeaders(await get(request, path), path);
  });
});

test.describe("pages work in the browser under their policy", () => {
  test("help center and status page hydrate with no violation, in both languages", async ({ page }) => {
    const violations = await watchViolations(page);

    for (const [path, label] of [
      ["/help", "Search the help center"],
      ["/ru/help", "Поиск по центру помощи"],
    ] as const) {
      await page.goto(path);
      // The search box is a client component: it answers only once the page is hydrated.
      const search = page.getByRole("combobox", { name: label });
      await search.fill(path === "/help" ? "backup" : "резервная копия");
      await expect(page.getByRole("listbox")).toBeVisible();
      await expect(page.getByRole("listbox").getByRole("option").first()).toBeVisible();
      expect(await violations(), path).toEqual([]);
    }

    for (const path of ["/status", "/ru/status"]) {
      await page.goto(path);
      // A day's tooltip appears when its bar is tapped: React handles it, so the page is hydrated.
      const strip = page.locator("#component-checkout [role=group]").first();
      await strip.getByRole("img").last().click();
      await expect(strip.locator("xpath=..").locator(".tip")).toBeVisible();
      expect(await violations(), path).toEqual([]);
    }

    // A client-side navigation from a cached page to another: the router fetches data, no script is inlined.
    await page.goto("/help");
    await page.getByRole("heading", { level: 2, name: "Backups and data recovery" }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Backups and data recovery" })).toBeVisible();
    expect(await violations(), "navigation from /help").toEqual([]);

    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await violations(), "not found").toEqual([]);
  });

  test("a signed-in page hydrates with its nonce and no violation", async ({ pageAs }) => {
    const agent = await pageAs("agent");
    const violations = await watchViolations(agent);
    await agent.goto("/inbox");
    await expect(agent.getByTestId("whoami")).toBeVisible();
    const search = agent.getByRole("combobox", { name: "Search the help center" });
    await search.fill("backup");
    await expect(agent.getByRole("listbox").getByRole("option").first()).toBeVisible();
    expect(await violations(), "/inbox").toEqual([]);
  });
});
