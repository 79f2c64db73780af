import type { APIRequestContext } from "@playwright/test";
import { test, expect, ok, trpcQuery, uniqueEmail } from "./helpers";

interface StoredSubscriber {
  id: number;
  kind: "email" | "webhook";
  target: string;
  components: number[] | null;
  confirmed: boolean;
  confirmedAt: number | null;
}

/** What the app stored for an address, as staff list it (subscriptions.list): every row, newest first. */
async function storedFor(staff: APIRequestContext, email: string): Promise<StoredSubscriber[]> {
  const { items } = ok(await trpcQuery<{ items: StoredSubscriber[] }>(staff, "subscriptions.list", { kind: "email", limit: 100 }));
  return items.filter((s) => s.target === email);
}

test("an email subscription is confirmed through the link in the confirmation email", async ({ page, pageAs }) => {
  const email = uniqueEmail("status-sub");

  await page.goto("/status");
  const form = page.getByRole("form", { name: "Get status updates" });
  await expect(form.getByRole("radio", { name: "Email" })).toBeChecked();
  await form.getByLabel("Email address").fill(email);
  // Leave Checkout out: the subscription is per component.
  const offered = await form.getByRole("checkbox").evaluateAll((boxes) => boxes.map((b) => b.closest("label")?.textContent?.trim() ?? ""));
  expect(offered).toContain("Checkout");
  await form.getByRole("checkbox", { name: "Checkout", exact: true }).uncheck();
  await form.getByRole("button", { name: "Subscribe" }).click();
  const region = page.getByRole("region", { name: "Get updates" });
  await expect(region.getByRole("status")).toContainText("Check your inbox to confirm the subscription.");

  // What was stored: one pending row following exactly the components left checked (by id), not "all".
  const admin = await pageAs("admin");
  const { components } = ok(await trpcQuery<{ components: { id: number; nameEn: string }[] }>(admin.request, "status.components.list"));
  const idOf = (name: string) => {
    const matches = components.filter((c) => c.nameEn === name);
    expect(matches, `one component named ${name}`).toHaveLength(1);
    return matches[0].id;
  };
  const chosen = offered
    .filter((name) => name !== "Checkout")
    .map(idOf)
    .sort((a, b) => a - b);
  expect(chosen.length).toBeGreaterThan(0);
  expect(chosen).not.toContain(idOf("Checkout"));
  const pending = await storedFor(admin.request, email);
  expect(pending).toEqual([
    expect.objectContaining({ kind: "email", target: email, components: chosen, confirmed: false, confirmedAt: null }),
  ]);

  const mail = admin
    .getByTestId("outbox-email")
    .filter({ hasText: email })
    .filter({ hasText: "Confirm your subscription to status updates" });
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
  // The same row, now confirmed, with the same components.
  const confirmed = await storedFor(admin.request, email);
  expect(confirmed).toEqual([
    expect.objectContaining({ id: pending[0].id, components: chosen, confirmed: true, confirmedAt: expect.any(Number) }),
  ]);

  // A made-up token is not accepted.
  await page.goto("/subscriptions/confirm/not-a-real-token-0000000000000000");
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByText(/invalid|malformed/i).first()).toBeVisible();
});

test("a webhook subscription shows its signing secret once and waits for verification or staff approval", async ({ page, pageAs }) => {
  await page.goto("/status");
  const form = page.getByRole("form", { name: "Get status updates" });
  await form.getByRole("radio", { name: "Webhook" }).check();
  await form.getByLabel("Webhook URL").fill("https://hooks.example.test/mayak-status");
  await expect(form.getByText("must answer within 5 seconds with a 2xx status and the challenge")).toBeVisible();
  await form.getByRole("button", { name: "Subscribe" }).click();

  const region = page.getByRole("region", { name: "Get updates" });
  const result = region.getByRole("status");
  await expect(result).toContainText("The webhook is registered. This is its signing secret:");
  await expect(result).toContainText("it is shown only once");
  await expect(result).toContainText("Nothing is sent to it until the endpoint is verified.");
  const codes = result.locator("code");
  await expect(codes).toHaveCount(2);
  const secret = ((await codes.first().textContent()) ?? "").trim();
  expect(secret.length).toBeGreaterThanOrEqual(16);
  await expect(codes.nth(1)).toHaveText(/^https?:\/\/\S+/);

  // Staff see it waiting (hooks.example.test does not resolve, so it cannot verify) and may approve it.
  const lead = await pageAs("lead");
  await lead.goto("/admin/subscribers?kind=webhook");
  const row = lead.getByTestId("subscriber-row").filter({ hasText: "https://hooks.example.test/…" }).first();
  await expect(row).toContainText("Awaiting verification");
  await row.getByRole("button", { name: "Approve: https://hooks.example.test/…" }).click();
  await expect(row).toContainText("Approved by staff");
  await expect(row.getByRole("button", { name: /^Approve/ })).toHaveCount(0);

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
