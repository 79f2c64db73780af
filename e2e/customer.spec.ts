import { test, expect, emailedLinkToken, tag, trpcQuery, uniqueEmail } from "./helpers";

test.describe("customer", () => {
  test("signs up, files a ticket with every field, finds it in My tickets and replies", async ({ page }) => {
    const id = tag();
    const name = `Customer ${id}`;
    const email = uniqueEmail("signup");

    await test.step("sign up through the form, confirm the address from the email, sign in", async () => {
      await page.goto("/signup");
      await page.getByLabel("Your name").fill(name);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
      await page.getByRole("button", { name: "Create account" }).click();
      // The same answer whether or not the address has an account: the next step is in the email.
      await expect(page.getByRole("status")).toContainText(`We have sent a message to ${email}`);
      await page.goto(`/signup/confirm?token=${encodeURIComponent(await emailedLinkToken(email, "/signup/confirm"))}`);
      await page.getByRole("button", { name: "Create my account" }).click();
      await expect(page.getByRole("status")).toHaveText("Your account is ready. Sign in with your email and the password you chose.");
      await page.goto("/signin?callbackUrl=%2Ftickets%2Fnew");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL("**/tickets/new");
      await expect(page.getByTestId("whoami")).toHaveText(`${name} · Customer`);
      await expect(page.getByRole("heading", { level: 1, name: "File a ticket" })).toBeVisible();
    });

    const subject = `Export to CSV fails ${id}`;
    let ticketId = 0;
    await test.step("file a ticket with all fields", async () => {
      await page.getByLabel("Subject").fill(subject);
      await page.getByLabel("Description").fill("The export button spins forever and no file is downloaded.");
      await page.getByLabel("Steps to reproduce").fill("1. Open Reports\n2. Click Export\n3. Wait");
      await page.getByLabel("Expected result").fill("A CSV file downloads");
      await page.getByLabel("Actual result").fill("A spinner that never stops");
      await page.getByLabel("Page URL").fill("https://app.example.com/reports");
      await page.getByLabel("Priority").selectOption("high");
      await page.getByRole("button", { name: "Submit ticket" }).click();

      await page.waitForURL(/\/tickets\/\d+\?created=1$/);
      ticketId = Number(/\/tickets\/(\d+)/.exec(page.url())![1]);
      await expect(page.getByRole("status")).toHaveText(`Ticket #${ticketId} created. We will reply by email.`);
      await expect(page.getByTestId("ticket-subject")).toHaveText(subject);
      await expect(page.getByText("1. Open Reports")).toBeVisible();
      await expect(page.getByText("A CSV file downloads")).toBeVisible();
      await expect(page.getByText("A spinner that never stops")).toBeVisible();
      await expect(page.getByRole("link", { name: "https://app.example.com/reports" })).toBeVisible();
    });

    await test.step("see it in My tickets with its status", async () => {
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My tickets" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
      const row = page.getByTestId("ticket-row").filter({ hasText: subject });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole("cell").nth(2)).toHaveText("New");
      await expect(row.getByRole("cell").nth(3)).toHaveText("High");
      await row.getByRole("link", { name: subject }).click();
      await page.waitForURL(`**/tickets/${ticketId}`);
    });

    await test.step("reply to the ticket", async () => {
      const body = `Still broken this morning ${id}`;
      await page.getByLabel("Your reply").fill(body);
      await page.getByRole("button", { name: "Send reply" }).click();
      await expect(page.getByTestId("message-reply").filter({ hasText: body })).toBeVisible();
      await expect(page.getByLabel("Your reply")).toHaveValue("");
      // Customers never get the staff-only choice.
      await expect(page.getByRole("radio", { name: "Internal note" })).toHaveCount(0);
    });
  });

  test.describe("as the demo customer", () => {
    test.use({ storageState: async ({ authFile }, use) => use(await authFile("customer")) });

    test("an empty subject shows the error next to the field and creates nothing", async ({ page }) => {
      const newest = async () =>
        (await trpcQuery<{ items: { id: number }[] }>(page.request, "tickets.mine", { limit: 1 })).data?.items[0]?.id;
      const before = await newest();

      await page.goto("/tickets/new");
      await page.getByLabel("Description").fill("Something is wrong but I forgot the subject.");
      const response = page.waitForResponse((r) => r.url().includes("/api/trpc/tickets.create"));
      await page.getByRole("button", { name: "Submit ticket" }).click();
      expect((await response).status()).toBe(400);

      const subject = page.getByLabel("Subject");
      await expect(page.locator("#subject-error")).toHaveText("Subject needs at least 3 characters");
      await expect(subject).toHaveAttribute("aria-invalid", "true");
      await expect(subject).toHaveAccessibleDescription(/Subject needs at least 3 characters/);
      // Only the subject is wrong: the description keeps what was typed and carries no error.
      await expect(page.getByLabel("Description")).toHaveAttribute("aria-invalid", "false");
      await expect(page).toHaveURL(/\/tickets\/new$/);
      expect(await newest()).toBe(before);
    });

    test("HTML and script in a subject are shown as text", async ({ page }) => {
      const subject = `<b>bold</b> <script>window.__x=1</script> ${tag()}`;
      await page.goto("/tickets/new");
      await page.getByLabel("Subject").fill(subject);
      await page.getByLabel("Description").fill('<img src=x onerror="window.__x=2"> the description is HTML too');
      await page.getByRole("button", { name: "Submit ticket" }).click();
      await page.waitForURL(/\/tickets\/\d+\?created=1$/);

      const heading = page.getByTestId("ticket-subject");
      await expect(heading).toHaveText(subject);
      await expect(heading.locator("b, script")).toHaveCount(0);
      await expect(page.getByText('<img src=x onerror="window.__x=2"> the description is HTML too')).toBeVisible();
      await expect(page.locator("main img")).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();

      await page.goto("/tickets");
      await expect(page.getByRole("link", { name: subject })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
    });
  });
});
