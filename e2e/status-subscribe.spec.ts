import { test, expect, uniqueEmail } from "./helpers";

test("an email subscription is confirmed through the link in the confirmation email", async ({ page, pageAs }) => {
  const email = uniqueEmail("status-sub");

  await page.goto("/status");
  const form = page.getByRole("form", { name: "Get status updates" });
  await expect(form.getByRole("radio", { name: "Email" })).toBeChecked();
  await form.getByLabel("Email address").fill(email);
  // Leave Checkout out: the subscription is per component.
  await form.getByRole("checkbox", { name: "Checkout", exact: true }).uncheck();
  await form.getByRole("button", { name: "Subscribe" }).click();
  const region = page.getByRole("region", { name: "Get updates" });
  await expect(region.getByRole("status")).toContainText("Check your inbox to confirm the subscription.");

  const admin = await pageAs("admin");
  const mail = admin.getByTestId("outbox-email").filter({ hasText: email }).filter({ hasText: "Confirm your subscription to status updates" });
  await expect(async () => {
    await admin.goto("/admin/outbox");
    await expect(mail).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });
  await mail.getByText("Confirm your subscription to status updates").click();
  const text = (await mail.textContent()) ?? "";
  const link = /https?:\/\/[^\s"<]+\/subscriptions\/confirm\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, `confirmation link in: ${text}`).toBeTruthy();

  // Opening the link changes nothing by itself (mail scanners follow links); the button confirms.
  const confirmPath = new URL(link!).pathname;
  await page.goto(confirmPath);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your subscription" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your subscription is confirmed." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the status page" })).toBeVisible();

  // A made-up token is not accepted.
  await page.goto("/subscriptions/confirm/not-a-real-token-0000000000000000");
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByText(/invalid|malformed/i).first()).toBeVisible();
});

test("a webhook subscription shows its signing secret once", async ({ page }) => {
  await page.goto("/status");
  const form = page.getByRole("form", { name: "Get status updates" });
  await form.getByRole("radio", { name: "Webhook" }).check();
  await form.getByLabel("Webhook URL").fill("https://hooks.example.test/mayak-status");
  await form.getByRole("button", { name: "Subscribe" }).click();

  const region = page.getByRole("region", { name: "Get updates" });
  const result = region.getByRole("status");
  await expect(result).toContainText("The webhook is active. This is its signing secret:");
  await expect(result).toContainText("it is shown only once");
  const codes = result.locator("code");
  await expect(codes).toHaveCount(2);
  const secret = ((await codes.first().textContent()) ?? "").trim();
  expect(secret.length).toBeGreaterThanOrEqual(16);
  await expect(codes.nth(1)).toHaveText(/^https?:\/\/\S+/);

  // Once dismissed (or after a reload), the secret is gone for good.
  await result.getByRole("button", { name: "Subscribe another address" }).click();
  await expect(region.getByText(secret)).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(secret);

  // A secret given by the subscriber must be long enough.
  await form.getByRole("radio", { name: "Webhook" }).check();
  await form.getByLabel("Webhook URL").fill("https://hooks.example.test/other");
  await form.getByLabel("Signing secret (optional)").fill("short");
  await form.getByRole("button", { name: "Subscribe" }).click();
  await expect(form.getByText("The secret needs at least 16 characters")).toBeVisible();
});
