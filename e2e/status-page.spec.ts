import type { Page } from "@playwright/test";
import { test, expect } from "./helpers";

const OVERALL = /^.?\s*(All systems operational|Some systems are slower than usual|Partial outage|Major outage|Maintenance in progress)$/;
const UPTIME = /^(\d{1,3}\.\d{2}%|no data)$/;
const COMPONENTS = ["Website", "Checkout", "Admin panel", "Email delivery", "API", "Search"];

/** Parses XML in the browser; returns the parser's complaint, or "" when the document is well formed. */
async function xmlError(page: Page, xml: string): Promise<string> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.getElementsByTagName("parsererror")[0]?.textContent ?? "";
  }, xml);
}

test("/status shows the banner, components with uptime and 90-day bars, the formula, history and the subscribe form", async ({ page }) => {
  await page.goto("/status");
  await expect(page).toHaveTitle(/System status/);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
  await expect(main.getByText(/^Updated /)).toBeVisible();
  await expect(main.getByRole("status").first()).toHaveText(OVERALL);

  const components = page.getByRole("region", { name: "Components" });
  await expect(components.getByRole("heading", { level: 3, name: "Website", exact: true })).toBeVisible();
  await expect(components.getByRole("heading", { level: 3, name: "Services", exact: true })).toBeVisible();
  for (const name of COMPONENTS) await expect(components.getByRole("heading", { level: 4, name, exact: true })).toBeVisible();

  await test.step("uptime figures for every window", async () => {
    const checkout = page.locator("#component-checkout");
    for (const w of ["24 hours", "7 days", "30 days", "90 days"]) {
      const dd = checkout.locator("dt", { hasText: w }).locator("xpath=following-sibling::dd[1]");
      await expect(dd, `uptime over ${w}`).toHaveText(UPTIME);
    }
    // The demo history has a day with a Checkout outage: the 90-day uptime is measured, not a flat 100%.
    await expect(checkout.locator("dt", { hasText: "90 days" }).locator("xpath=following-sibling::dd[1]")).toHaveText(/^\d{1,3}\.\d{2}%$/);
  });

  await test.step("90 daily bars with a text alternative; one tab stop per group; arrows move between days and components", async () => {
    const group = page.getByRole("group", { name: "Website", exact: true });
    const strip = page.getByRole("group", { name: "Daily uptime of Checkout over the last 90 days" });
    const bars = strip.getByRole("img");
    await expect(bars).toHaveCount(90);
    await expect(bars.last()).toHaveAttribute("aria-label", /: uptime .+\. /);
    // One tab stop for all the group's strips.
    await expect(group.locator('.uptime-strip [tabindex="0"]')).toHaveCount(1);

    const tooltip = strip.locator("xpath=..").locator(".tip");
    await expect(tooltip).toHaveCount(0);
    await bars.last().click(); // a tap or a click shows the day
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/Uptime: (\d{1,3}\.\d{2}%|no data)/);
    await expect(bars.last()).toBeFocused();
    await expect(group.locator('.uptime-strip [tabindex="0"]')).toHaveCount(1);
    await expect(bars.last()).toHaveAttribute("tabindex", "0");

    await page.keyboard.press("Home");
    await expect(bars.first()).toBeFocused();
    const firstDate = (await bars.first().getAttribute("aria-label"))!.split(": uptime")[0]!;
    await expect(tooltip.locator("p").first()).toHaveText(firstDate);
    await page.keyboard.press("ArrowRight");
    await expect(bars.nth(1)).toBeFocused();
    // Down: the same day of the next component in the group.
    await page.keyboard.press("ArrowDown");
    const focused = page.locator(":focus");
    const secondDate = (await bars.nth(1).getAttribute("aria-label"))!.split(": uptime")[0]!;
    await expect(focused).toHaveAttribute("aria-label", new RegExp(`^${secondDate}: uptime `));
    expect(await focused.evaluate((el) => el.closest("li")?.id)).not.toBe("component-checkout");
    await page.keyboard.press("ArrowUp");
    await expect(bars.nth(1)).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tooltip).toHaveCount(0);
  });

  const formula = page.getByRole("region", { name: "How uptime is measured" });
  await expect(formula).toContainText("uptime = (up + degraded) ÷ (up + degraded + down)");
  await expect(formula).toContainText("no data");

  const history = page.getByRole("region", { name: "Past incidents" });
  await expect(history.getByRole("link", { name: "Website and API unavailable" })).toBeVisible();
  await expect(history.getByRole("link").first()).toHaveAttribute("href", /\/status\/incidents\/\d+$/);

  const subscribe = page.getByRole("region", { name: "Get updates" });
  const form = subscribe.getByRole("form", { name: "Get status updates" });
  await expect(form.getByLabel("Email address")).toBeVisible();
  await expect(form.getByRole("button", { name: "Subscribe" })).toBeVisible();
  await expect(subscribe.getByRole("link", { name: "RSS" })).toHaveAttribute("href", "/api/status/feed.rss");
  await expect(subscribe.getByRole("link", { name: "Atom" })).toHaveAttribute("href", "/api/status/feed.atom");

  await test.step("a past incident opens its own page", async () => {
    await history.getByRole("link", { name: "Website and API unavailable" }).click();
    await page.waitForURL(/\/status\/incidents\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Website and API unavailable" })).toBeVisible();
    await expect(page.getByText(/^Resolved /).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("link", { name: /Back to the status page/ })).toHaveAttribute("href", "/status");
  });
});

test("/ru/status is in Russian", async ({ page }) => {
  await page.goto("/ru/status");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1, name: "Состояние сервисов" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(
    /Все системы работают нормально|Часть систем|Частичный сбой|Серьёзный сбой|Идут плановые работы/,
  );
  const components = page.getByRole("region", { name: "Компоненты" });
  for (const name of ["Сайт", "Оформление заказа", "Доставка писем", "Поиск"]) {
    await expect(components.getByRole("heading", { level: 4, name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("main")).not.toContainText("All systems operational");
  await expect(page.getByRole("main").getByRole("link", { name: "RSS" })).toHaveAttribute("href", "/api/status/feed.rss?lang=ru");
});

test("/api/status returns the documented JSON shape", async ({ request }) => {
  const res = await request.get("/api/status");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["access-control-allow-origin"]).toBe("*");
  const body = await res.json();
  expect(body).toMatchObject({
    page: { url: expect.stringMatching(/\/status$/), locale: "en", generatedAt: expect.any(String) },
    overall: { status: expect.stringMatching(/^(operational|degraded|partial_outage|major_outage|maintenance)$/) },
    components: expect.any(Array),
    activeIncidents: expect.any(Array),
    maintenance: expect.any(Array),
  });
  expect(Number.isNaN(Date.parse(body.page.generatedAt))).toBe(false);
  const slugs = (body.components as { slug: string }[]).map((c) => c.slug);
  expect(slugs).toEqual(expect.arrayContaining(["website", "checkout", "admin", "email", "api", "search"]));
  for (const c of body.components as {
    slug: string;
    name: string;
    group: string | null;
    status: string;
    uptime: Record<string, number | null>;
  }[]) {
    expect(c.name, c.slug).toEqual(expect.any(String));
    expect(c.status, c.slug).toMatch(/^(operational|degraded|partial_outage|major_outage|maintenance)$/);
    expect(Object.keys(c.uptime).sort(), c.slug).toEqual(["24h", "30d", "7d", "90d"]);
    for (const v of Object.values(c.uptime)) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
  }
  const checkout = (body.components as { slug: string; group: string | null }[]).find((c) => c.slug === "checkout");
  expect(checkout?.group).toBe("Website");

  const ru = await (await request.get("/api/status?lang=ru")).json();
  expect(ru.page.locale).toBe("ru");
  expect(ru.page.url).toMatch(/\/ru\/status$/);
  expect((ru.components as { slug: string; name: string }[]).find((c) => c.slug === "search")?.name).toBe("Поиск");
});

test("the status badge is an SVG, overall and per component", async ({ request }) => {
  const overall = await request.get("/api/status/badge.svg");
  expect(overall.status()).toBe(200);
  expect(overall.headers()["content-type"]).toContain("image/svg+xml");
  const svg = await overall.text();
  expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
  expect(svg).toContain("status");

  const checkout = await request.get("/api/status/badge.svg?component=checkout");
  expect(checkout.status()).toBe(200);
  expect(await checkout.text()).toContain("Checkout");

  expect((await request.get("/api/status/badge.svg?component=no-such-thing")).status()).toBe(404);
});

test("the RSS and Atom feeds are well-formed XML with items", async ({ page, request }) => {
  const feeds: { url: string; type: string; root: string; item: string; text?: string }[] = [
    { url: "/api/status/feed.rss", type: "application/rss+xml", root: "<rss", item: "<item>" },
    { url: "/api/status/feed.atom", type: "application/atom+xml", root: "<feed", item: "<entry>" },
    { url: "/status/feed.rss", type: "application/rss+xml", root: "<rss", item: "<item>", text: "Website and API unavailable" },
    { url: "/status/feed.atom", type: "application/atom+xml", root: "<feed", item: "<entry>", text: "Website and API unavailable" },
    { url: "/ru/status/feed.rss", type: "application/rss+xml", root: "<rss", item: "<item>", text: "Решено" },
  ];
  await page.goto("/status");
  for (const f of feeds) {
    const res = await request.get(f.url);
    expect(res.status(), f.url).toBe(200);
    expect(res.headers()["content-type"], f.url).toContain(f.type);
    const xml = await res.text();
    expect(xml, f.url).toContain(f.root);
    expect(xml, f.url).toContain(f.item);
    expect(await xmlError(page, xml), `${f.url} parses as XML`).toBe("");
    if (f.text) expect(xml, f.url).toContain(f.text);
  }
});

test("an unknown or malformed incident id is a 404", async ({ page }) => {
  for (const id of ["999999", "abc"]) {
    const res = await page.goto(`/status/incidents/${id}`);
    expect(res?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  }
});
