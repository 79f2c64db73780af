import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./helpers";

const RU_RESTORE = { slug: "kak-zaprosit-vosstanovlenie-iz-rezervnoy-kopii", title: "Как запросить восстановление из резервной копии" };
const RU_INCIDENT = { slug: "kak-soobshchit-ob-incidente", title: "Как сообщить об инциденте" };

/** Types into the header search and opens the option titled `title` with the keyboard only. */
async function openWithKeyboard(page: Page, search: Locator, query: string, title: string) {
  await search.fill(query);
  const list = page.getByRole("listbox");
  await expect(list).toBeVisible();
  await expect(search).toHaveAttribute("aria-expanded", "true");
  const options = list.getByRole("option");
  const wanted = options.filter({ has: page.getByText(title, { exact: true }) });
  await expect(wanted).toHaveCount(1);
  // The right article should be near the top, not buried below the fold.
  const texts = await options.allInnerTexts();
  const index = texts.findIndex((t) => t.includes(title));
  expect(index, `"${title}" among ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
  expect(index, `"${title}" should be among the first three results for "${query}"`).toBeLessThan(3);
  // The last option always leads to the full results page.
  await expect(options.last()).toHaveText(`Все результаты по запросу «${query}»`);

  for (let i = 0; i <= index; i++) await search.press("ArrowDown");
  await expect(wanted).toHaveAttribute("aria-selected", "true");
  await expect(search).toHaveAttribute("aria-activedescendant", (await wanted.getAttribute("id"))!);
  await search.press("Enter");
}

test("a Russian reader finds an article despite a typo, with the keyboard only", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help center" })).toBeVisible();
  await page.getByLabel("Language").selectOption("ru");
  await expect(page).toHaveURL(/\/ru\/help$/);
  await expect(page.getByRole("heading", { level: 1, name: "Центр помощи" })).toBeVisible();

  const search = page.getByRole("combobox", { name: "Поиск по центру помощи" });
  // "востановление" is missing an "с"; "копии" is an inflected form of "копия".
  await openWithKeyboard(page, search, "востановление из резервной копии", RU_RESTORE.title);
  await expect(page).toHaveURL(new RegExp(`/ru/help/articles/${RU_RESTORE.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: RU_RESTORE.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  // An inflected form ("об инцидентах", prepositional plural) finds the article about "инцидент".
  await openWithKeyboard(page, search, "инцидентах", RU_INCIDENT.title);
  await expect(page).toHaveURL(new RegExp(`/ru/help/articles/${RU_INCIDENT.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: RU_INCIDENT.title })).toBeVisible();
});

test("Escape closes the dropdown and Enter without a choice opens the results page", async ({ page }) => {
  await page.goto("/ru/help");
  const search = page.getByRole("combobox", { name: "Поиск по центру помощи" });
  await search.fill("резервные копии");
  await expect(page.getByRole("listbox")).toBeVisible();
  await search.press("Escape");
  await expect(page.getByRole("listbox")).toBeHidden();
  await expect(search).toHaveAttribute("aria-expanded", "false");
  // Chromium also empties a type="search" field on Escape; type again and press Enter with no option chosen.
  await search.fill("резервные копии");
  await expect(page.getByRole("listbox")).toBeVisible();
  await search.press("Enter");
  await expect(page).toHaveURL(/\/ru\/help\/search\?q=/);
  await expect(page.getByRole("heading", { level: 1, name: "Поиск" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("по запросу «резервные копии»");
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
});

test("the results page filtered by a category shows only that category", async ({ page }) => {
  await page.goto("/help/search?q=restore");
  const hits = page.getByTestId("search-hit");
  await expect(hits.first()).toBeVisible();
  const filters = page.getByRole("navigation", { name: /filter/i });
  await expect(filters.getByRole("link", { name: "All categories" })).toHaveAttribute("aria-current", "page");

  await filters.getByRole("link", { name: "Backups and data recovery" }).click();
  await expect(page).toHaveURL(/[?&]category=backups/);
  await expect(filters.getByRole("link", { name: "Backups and data recovery" })).toHaveAttribute("aria-current", "page");
  await expect(hits.first()).toBeVisible();
  // Each hit's second line reads "<category> · <kind>".
  const meta = await hits.evaluateAll((els) => els.map((e) => e.querySelector("p")?.textContent ?? ""));
  for (const m of meta) expect(m).toMatch(/^Backups and data recovery · /);

  // Another category with the same query shows none of these.
  await page.goto("/help/search?q=restore&category=account-security&kind=article");
  const other = await page.getByTestId("search-hit").evaluateAll((els) => els.map((e) => e.querySelector("p")?.textContent ?? ""));
  for (const m of other) expect(m).toBe("Account and security · Articles");

  // Russian results page, Russian category names.
  await page.goto("/ru/help/search?q=восстановление&category=backups");
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
  const ru = await page.getByTestId("search-hit").evaluateAll((els) => els.map((e) => e.querySelector("p")?.textContent ?? ""));
  for (const m of ru) expect(m).toMatch(/^Резервные копии и восстановление · /);
});

test("GET /api/search returns highlighted JSON and rejects an unknown locale", async ({ request }) => {
  const res = await request.get(`/api/search?q=${encodeURIComponent("резервной копии")}&locale=ru&log=0`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = (await res.json()) as {
    query: string;
    locale: string;
    total: number;
    hits: { slug: string; url: string; titleHtml: string; snippetHtml: string }[];
  };
  expect(body.locale).toBe("ru");
  expect(body.total).toBeGreaterThan(0);
  expect(body.hits.length).toBeGreaterThan(0);
  expect(body.hits.map((h) => h.slug)).toContain(RU_RESTORE.slug);
  expect(body.hits.some((h) => /<mark>[^<]+<\/mark>/.test(h.titleHtml + h.snippetHtml))).toBe(true);
  for (const h of body.hits) expect(h.url).toMatch(/^\/ru\/(help\/articles\/|faq#)/);

  const en = (await (await request.get("/api/search?q=backup&locale=en&kind=article&limit=3&log=0")).json()) as typeof body;
  expect(en.hits.length).toBeGreaterThan(0);
  expect(en.hits.length).toBeLessThanOrEqual(3);
  expect(en.hits.some((h) => h.titleHtml.includes("<mark>") || h.snippetHtml.includes("<mark>"))).toBe(true);
  for (const h of en.hits) expect(h.url).toMatch(/^\/help\/articles\//);

  const bad = await request.get("/api/search?q=backup&locale=xx");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error?: string }).error).toContain("locale");
});
