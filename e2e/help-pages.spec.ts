import { test, expect } from "./helpers";

const EN = { slug: "restore-a-deleted-page-or-post", title: "Restoring a deleted page, post or file" };
const RU = { slug: "vosstanovlenie-udalennoy-stranitsy-ili-zapisi", title: "Как вернуть удалённую страницу, запись или файл" };
const CATEGORY_NAMES = [
  "Using the help center",
  "Incidents and outages",
  "SLA and response times",
  "Status page and monitoring",
  "Account and security",
  "Backups and data recovery",
  "Maintenance and updates",
];

test("/help lists every category, each leading to its articles", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help center" })).toBeVisible();
  for (const name of CATEGORY_NAMES) await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();

  await page.getByRole("heading", { level: 2, name: "Backups and data recovery" }).getByRole("link").click();
  await expect(page).toHaveURL(/\/help\/backups$/);
  await expect(page.getByRole("heading", { level: 1, name: "Backups and data recovery" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: EN.title })).toBeVisible();

  await page.goto("/ru/help");
  await expect(page.getByRole("heading", { level: 2, name: "Резервные копии и восстановление" })).toBeVisible();
});

test("an article has a table of contents, a date, related articles, its translation and head links", async ({ page }) => {
  await page.goto(`/help/articles/${EN.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: EN.title })).toBeVisible();
  await expect(page.getByText(/^Updated \w+/)).toBeVisible();

  const toc = page.getByRole("navigation", { name: "On this page" });
  await expect(toc.getByRole("link")).not.toHaveCount(0);
  await toc.getByRole("link", { name: "How we bring it back" }).click();
  await expect(page).toHaveURL(/#how-we-bring-it-back$/);
  await expect(page.getByRole("heading", { level: 2, name: "How we bring it back" })).toBeInViewport();

  const related = page.getByRole("navigation", { name: "Related articles" });
  await expect(related.getByRole("link").first()).toBeVisible();
  for (const href of await related.getByRole("link").evaluateAll((els) => els.map((e) => e.getAttribute("href")))) {
    expect(href).toMatch(/^\/help\/articles\/[a-z0-9-]+$/);
    expect(href).not.toBe(`/help/articles/${EN.slug}`);
  }

  // Canonical and hreflang alternates in the head.
  const head = page.locator("head");
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/help/articles/${EN.slug}$`));
  await expect(head.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", new RegExp(`[^u]/help/articles/${EN.slug}$`));
  await expect(head.locator('link[rel="alternate"][hreflang="ru"]')).toHaveAttribute("href", new RegExp(`/ru/help/articles/${RU.slug}$`));
  await expect(head.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute(
    "href",
    new RegExp(`[^u]/help/articles/${EN.slug}$`),
  );

  // The translation link leads to the Russian article, which links back.
  const toRu = page.getByRole("link", { name: "Читать по-русски" });
  await expect(toRu).toHaveAttribute("hreflang", "ru");
  await toRu.click();
  await expect(page).toHaveURL(new RegExp(`/ru/help/articles/${RU.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: RU.title })).toBeVisible();
  await expect(page.getByText(/^Обновлено /)).toBeVisible();
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/ru/help/articles/${RU.slug}$`));
  await page.getByRole("link", { name: "Read in English" }).click();
  await expect(page).toHaveURL(new RegExp(`[^u]/help/articles/${EN.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: EN.title })).toBeVisible();
});

test("the language switch on an article moves to its translation, not to the same slug", async ({ page }) => {
  await page.goto(`/help/articles/${EN.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: EN.title })).toBeVisible();
  await page.getByLabel("Language").selectOption("ru");
  await expect(page).toHaveURL(new RegExp(`/ru/help/articles/${RU.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: RU.title })).toBeVisible();
  await page.getByLabel("Язык").selectOption("en");
  await expect(page).toHaveURL(new RegExp(`[^u]/help/articles/${EN.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: EN.title })).toBeVisible();
});

test("a #link on the FAQ page opens that entry only", async ({ page }) => {
  await page.goto("/faq#are-backups-encrypted");
  await expect(page.getByRole("heading", { level: 1, name: "Frequently asked questions" })).toBeVisible();
  const entry = page.locator("details#are-backups-encrypted");
  await expect(entry).toHaveJSProperty("open", true);
  await expect(entry.getByText("AES-256")).toBeVisible();
  await expect(page.locator("details#how-long-do-you-keep-backups")).toHaveJSProperty("open", false);

  await page.goto("/ru/faq#shifruyutsya-li-rezervnye-kopii");
  await expect(page.getByRole("heading", { level: 1, name: "Частые вопросы" })).toBeVisible();
  await expect(page.locator("details#shifruyutsya-li-rezervnye-kopii")).toHaveJSProperty("open", true);
});

test("sitemap.xml lists articles in both languages and robots.txt points to it", async ({ request }) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  expect(xml).toContain("<urlset");
  expect(xml).toMatch(new RegExp(`<loc>[^<]*[^u]/help/articles/${EN.slug}</loc>`));
  expect(xml).toMatch(new RegExp(`<loc>[^<]*/ru/help/articles/${RU.slug}</loc>`));
  expect(xml).toMatch(/<loc>[^<]*\/ru\/faq<\/loc>/);
  expect(xml).toContain('hreflang="ru"');
  // Search results are not for crawlers.
  expect(xml).not.toContain("/help/search");

  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const txt = await robots.text();
  expect(txt).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  expect(txt).toMatch(/^Disallow: \/kb$/m);
});

test("an unknown article shows Not found with a 404", async ({ page }) => {
  const res = await page.goto("/help/articles/no-such-article-e2e");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  const ru = await page.goto("/ru/help/articles/net-takoy-stati-e2e");
  expect(ru?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Не найдено" })).toBeVisible();
});
