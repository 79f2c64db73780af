import { test, expect } from "./helpers";

// The lead account is used only here, so its saved language never leaks into other specs.
test.use({ storageState: async ({ authFile }, use) => use(await authFile("lead")) });

test.afterEach(async ({ page }) => {
  // Put the account back to English even if the test stopped half-way.
  await page.request.post("/api/locale", { form: { locale: "en", back: "/" }, maxRedirects: 0 });
});

test("switching to Russian persists across reloads, pages and sessions, and back", async ({ page, browser, baseURL, authFile }) => {
  const nav = page.getByRole("navigation", { name: /Main navigation|Основная навигация/ });
  await page.goto("/inbox");
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();

  await page.getByLabel("Language").selectOption({ label: "Русский" });
  await expect(page.getByRole("heading", { level: 1, name: "Открытые" })).toBeVisible();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(nav.getByRole("link", { name: "Входящие" })).toBeVisible();
  await expect(page.getByLabel("Язык")).toHaveValue("ru");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Открытые" })).toBeVisible();

  const second = await page.context().newPage();
  await second.goto("/");
  await expect(second.getByRole("heading", { level: 1, name: "Чем мы можем помочь?" })).toBeVisible();
  await second.close();

  // Without the cookie (another browser, same account) the account's saved language applies.
  const other = await browser.newContext({ baseURL, storageState: await authFile("lead") });
  const otherPage = await other.newPage();
  await otherPage.goto("/inbox");
  await expect(otherPage.getByRole("heading", { level: 1, name: "Открытые" })).toBeVisible();
  await other.close();

  await page.getByLabel("Язык").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 1, name: "Open" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
});

test("an anonymous visitor can switch language too", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Language").selectOption("ru");
  await expect(page.getByRole("heading", { level: 1, name: "Вход" })).toBeVisible();
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "Создайте аккаунт" })).toBeVisible();
  await context.close();
});
