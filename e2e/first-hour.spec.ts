import { test, expect, emailedLinkToken, ok, tag, trpcMutation, uniqueEmail } from "./helpers";
import { expectAccessible } from "./accessibility";
import { expectNoHorizontalScroll, headerBox, PHONE, DESKTOP } from "./first-hour-helpers";

/**
 * What a newcomer meets in the first hour (issue 15): links between articles, honest languages, forms that
 * explain themselves, titles and icons, and a header that leaves room on a phone.
 */

test.describe("articles", () => {
  test("link to each other by title, in the reader's language", async ({ page }) => {
    await page.goto("/help/articles/set-up-two-factor-authentication");
    const link = page.locator(".prose-mayak").getByRole("link", { name: "We never ask for your password: how to spot phishing" });
    await expect(link).toHaveAttribute("href", "/help/articles/we-never-ask-for-your-password");
    await expect(page.locator(".prose-mayak")).not.toContainText("/help/articles/");

    await page.goto("/ru/help/articles/nastroyka-dvukhfaktornoy-autentifikatsii");
    const ru = page.locator(".prose-mayak").getByRole("link", { name: /Мы никогда не спрашиваем пароль/ });
    await expect(ru).toHaveAttribute("href", "/ru/help/articles/my-nikogda-ne-sprashivaem-parol");
    await expect(page.locator(".prose-mayak")).not.toContainText("/help/articles/");
  });

  test("a Russian address of an English article leads to its translation", async ({ page }) => {
    await page.goto("/ru/help/articles/set-up-two-factor-authentication");
    await expect(page).toHaveURL(/\/ru\/help\/articles\/nastroyka-dvukhfaktornoy-autentifikatsii$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/двухфакторн/i);
  });

  test("an article only in English says so at its Russian address and offers Russian ones on the topic", async ({ page, pageAs }) => {
    const lead = await pageAs("lead");
    const slug = `english-only-${tag()}`;
    ok(
      await trpcMutation(lead.request, "kb.save", {
        slug,
        locale: "en",
        translationKey: slug,
        category: "backups",
        title: "Restoring a mail account from a backup",
        summary: "How we bring back a deleted mailbox.",
        tags: ["backup", "mail"],
        body: "## Steps\n\nFile a ticket.",
        status: "published",
      }),
    );
    await page.goto(`/ru/help/articles/${slug}`);
    await expect(page).toHaveURL(new RegExp(`/ru/help/articles/${slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Эта статья есть только на английском");
    await expect(page.getByRole("link", { name: "Restoring a mail account from a backup" })).toHaveAttribute(
      "href",
      `/help/articles/${slug}`,
    );
    const sameTopic = page.getByRole("region", { name: /На русском в разделе/ });
    await expect(sameTopic.getByRole("link").first()).toHaveAttribute("href", /^\/ru\/help\/articles\//);
    await expect(page).toHaveTitle(/^Эта статья есть только на английском: Restoring a mail account/);
    await expectAccessible(page, "/ru/help/articles/<english only>");
  });
});

test.describe("pages say where you are", () => {
  test("titles name the page, and the icons are there", async ({ page, request }) => {
    await page.goto("/help/articles/set-up-two-factor-authentication");
    await expect(page).toHaveTitle("How to set up two-factor authentication (2FA) · Mayak Support");
    await page.goto("/tickets/new");
    await expect(page).toHaveTitle("File a ticket · Mayak Support");
    await page.goto("/ru/help");
    await expect(page).toHaveTitle("Центр помощи · Поддержка «Маяк»");
    for (const rel of ["icon", "apple-touch-icon", "manifest"]) {
      const href = await page.locator(`head link[rel="${rel}"]`).first().getAttribute("href");
      expect(href, rel).toBeTruthy();
      const res = await request.get(href!);
      expect(res.status(), `${rel} ${href}`).toBe(200);
    }
    expect((await request.get("/favicon.ico")).status()).toBe(200);
  });

  test("the admin's header fits one line at 1280 px, with the admin pages grouped in a menu", async ({ pageAs }) => {
    const page = await pageAs("admin");
    await page.setViewportSize(DESKTOP);
    await page.goto("/inbox");
    const bar = await headerBox(page);
    await page.screenshot({ path: test.info().outputPath("admin-header-1280.png") });
    expect(bar.height, "one line of header").toBeLessThan(72);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await nav.getByRole("button", { name: "Admin" }).click();
    await expect(nav.getByText("People and access")).toBeVisible();
    await nav.getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  });

  test("in Russian too", async ({ pageAs, baseURL }) => {
    const page = await pageAs("admin");
    await page.context().addCookies([{ name: "mayak-locale", value: "ru", url: baseURL! }]);
    await page.setViewportSize(DESKTOP);
    await page.goto("/inbox");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await page.screenshot({ path: test.info().outputPath("admin-header-ru-1280.png") });
    expect((await headerBox(page)).height, "one line of header").toBeLessThan(72);
    await expect(page.getByRole("button", { name: "Выйти" })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("navigation", { name: "Основная навигация" }).getByRole("button", { name: "Управление" })).toBeVisible();
  });
});

test.describe("phone and desktop layout", () => {
  for (const size of [DESKTOP, PHONE]) {
    test(`the help center and the ticket form at ${size.width}x${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      for (const path of ["/help", "/ru/help", "/help/articles/report-an-incident", "/faq", "/tickets/new", "/signin"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const bar = await headerBox(page);
        if (size === PHONE) expect(bar.height, `header on ${path}`).toBeLessThanOrEqual(size.height * 0.15);
        else expect(bar.height, `header on ${path}`).toBeLessThan(72);
        await expectNoHorizontalScroll(page, path);
        await page.screenshot({ path: test.info().outputPath(`${path.replace(/\W+/g, "-")}-${size.width}.png`) });
      }
    });
  }

  test("on a phone, search and menu open from the header", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/help");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(nav.getByRole("link", { name: "FAQ" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.getByRole("button", { name: "Search the help center" }).click();
    const search = page.getByRole("combobox", { name: "Search the help center" });
    await expect(search).toBeFocused();
    await expectNoHorizontalScroll(page, "/help with search open");
    await expectAccessible(page, "/help on a phone, search open");
  });
});

test.describe("forms", () => {
  test("a field's error clears as soon as the field is valid, and is announced", async ({ pageAs }) => {
    const page = await pageAs("customer");
    await page.goto("/tickets/new");
    await page.getByRole("button", { name: "Submit ticket" }).click();
    const subject = page.getByLabel("Subject");
    await expect(page.locator("#subject-error")).toHaveAttribute("role", "alert");
    await expect(subject).toHaveAttribute("aria-invalid", "true");
    await expect(subject).toHaveAttribute("aria-describedby", /subject-error/);
    await expect(subject).toBeFocused();
    await subject.pressSequentially("Ch");
    await expect(page.locator("#subject-error")).toBeVisible();
    await subject.pressSequentially("eckout");
    await expect(page.locator("#subject-error")).toHaveCount(0);
    await expect(subject).toHaveAttribute("aria-invalid", "false");
    // The other field's error stays until that field is right.
    await expect(page.locator("#description-error")).toBeVisible();
    await page.getByLabel("Description").fill("Too short");
    await expect(page.locator("#description-error")).toBeVisible();
    await page.getByLabel("Description").fill("The pay button does nothing on the cart page.");
    await expect(page.locator("#description-error")).toHaveCount(0);
  });

  test("a visitor writes a ticket, creates an account in place, and sends what they typed", async ({ page }) => {
    const id = tag();
    const email = uniqueEmail("first-hour");
    const subject = `Checkout button does nothing ${id}`;
    const description = "Pressing Pay on the cart page does nothing since this morning.";
    await page.goto("/help");
    await page.getByRole("link", { name: "File a ticket" }).first().click();
    await expect(page).toHaveURL(/\/tickets\/new$/);
    await expect(page.getByTestId("guest-note")).toContainText("You are not signed in");
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Description").fill(description);
    await page.getByLabel("Priority").selectOption("high");
    await page.getByRole("button", { name: "Submit ticket" }).click();

    const panel = page.getByRole("region", { name: "Sign in to send your ticket" });
    await expect(panel).toContainText("We need to know who you are");
    await expect(panel.getByRole("heading", { name: "Sign in to send your ticket" })).toBeFocused();
    await expectAccessible(page, "/tickets/new signed out, asked to sign in");
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: test.info().outputPath("sign-in-to-send-390.png") });
    await expectNoHorizontalScroll(page, "/tickets/new signed out, asked to sign in");
    await page.setViewportSize(DESKTOP);
    await panel.getByRole("button", { name: "I'm new here" }).click();
    await panel.getByLabel("Your name").fill(`Visitor ${id}`);
    await panel.getByLabel("Email").fill(email);
    await panel.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
    await panel.getByRole("button", { name: "Create account" }).click();
    await expect(panel.getByRole("status")).toContainText("you will then sign in and be back at your ticket");

    // The link from the email, in the same browser.
    await page.goto(`/signup/confirm?token=${encodeURIComponent(await emailedLinkToken(email, "/signup/confirm"))}`);
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("link", { name: "Sign in and send your ticket" }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftickets%2Fnew$/);
    await expect(page.getByTestId("sign-in-reason")).toContainText("Your tickets belong to your account");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await page.waitForURL("**/tickets/new");
    await expect(page.getByLabel("Subject")).toHaveValue(subject);
    await expect(page.getByLabel("Description")).toHaveValue(description);
    await expect(page.getByLabel("Priority")).toHaveValue("high");
    await expect(page.getByTestId("guest-note")).toHaveCount(0);
    await page.getByRole("button", { name: "Submit ticket" }).click();
    await page.waitForURL(/\/tickets\/\d+\?created=1$/);
    await expect(page.getByTestId("ticket-subject")).toHaveText(subject);
    // Sent: the draft is gone.
    await page.goto("/tickets/new");
    await expect(page.getByLabel("Subject")).toHaveValue("");
  });
});

test.describe("both languages", () => {
  const publicPages = ["/help", "/faq", "/contact", "/help/articles/report-an-incident"];
  const appPages = ["/", "/signin", "/signup", "/tickets/new", "/forgot-password"];
  // At the phone size only: the desktop pages go through axe in a11y.spec.ts and help-a11y.spec.ts, and the
  // suite must stay within CI's time.
  for (const size of [PHONE]) {
    test(`pages are accessible in Russian and English at ${size.width}x${size.height}`, async ({ browser, baseURL }) => {
      test.setTimeout(300_000);
      for (const locale of ["en", "ru"] as const) {
        const context = await browser.newContext({ baseURL, viewport: size });
        // The signed-in part takes the language from the browser's choice; the help center from the address.
        await context.addCookies([{ name: "mayak-locale", value: locale, url: baseURL! }]);
        const page = await context.newPage();
        const paths = [...publicPages.map((p) => (locale === "ru" ? `/ru${p}` : p)), ...appPages];
        for (const path of paths) {
          await page.goto(path);
          await expect(page.locator("html")).toHaveAttribute("lang", locale);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectAccessible(page, `${path} (${locale}, ${size.width}px)`);
        }
        await context.close();
      }
    });
  }
});
