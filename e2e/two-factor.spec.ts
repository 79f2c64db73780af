import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { test, expect, getMe, signUpViaApi, trpcQuery, uniqueEmail } from "./helpers";
import { expectAccessible } from "./accessibility";

// Two-factor authentication in the browser: set it up from the key the page shows (the code computed here,
// as an authenticator app would), sign out, sign in with the password and then the code, and with a
// recovery code, which works once. The server-side rules (replay, throttling, policy, reset) are covered by
// server/two-factor/two-factor.test.ts.

/** The code of the next 30-second step: the current one may have been used already (a code works once). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  // The page signed out has loaded once the header offers to sign in again.
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await getMe(page.request)).toBeNull();
}

test("set up with the key shown, sign in with password and code, and once with each recovery code", async ({ page, request }) => {
  const creds = { email: uniqueEmail("two-factor"), password: "e2e-password-2fa" };
  await signUpViaApi(request, { ...creds, name: "Two Factor" });

  await signInThroughForm(page, creds.email, creds.password);
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("two-factor-state")).toContainText("Off.");

  // Setup: the QR code and the key as text; a wrong code first, then the app's code.
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code holding the key for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, "/account/two-factor (setting up)");
  const code = page.getByLabel("2. Code from the app");
  await code.fill("000000" === (await generate({ secret })) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await code.fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();

  // The recovery codes, shown once.
  const list = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(list).toHaveCount(10);
  const recoveryCodes = await list.allInnerTexts();
  for (const c of recoveryCodes) expect(c).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
  await expectAccessible(page, "/account/two-factor (recovery codes)");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("two-factor-state")).toContainText("On since");
  await expect(page.getByTestId("two-factor-state")).toContainText("10 of 10");
  await expect(page.getByRole("link", { name: "Continue" })).toBeVisible();

  // Sign out; the password alone is not enough any more: the form asks for the code.
  await signOut(page);
  await signInThroughForm(page, creds.email, creds.password);
  await expect(page.getByRole("alert").filter({ hasText: "Your password is right" })).toBeVisible();
  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toBeFocused();
  await expectAccessible(page, "/signin (code step)");
  expect(await getMe(page.request), "no session before the code").toBeNull();
  await codeField.fill(await nextCode(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
  expect((await getMe(page.request))?.email).toBe(creds.email);

  // A recovery code instead of the app's code, typed in capitals: it works once.
  await signOut(page);
  await signInThroughForm(page, creds.email, creds.password);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]!.toUpperCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
  expect((await getMe(page.request))?.email).toBe(creds.email);
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("two-factor-state")).toContainText("9 of 10");

  await signOut(page);
  await signInThroughForm(page, creds.email, creds.password);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right, or it was used already" })).toBeVisible();
  expect(await getMe(page.request)).toBeNull();
});

test("an admin requires it of a role: its people are sent to set it up and the API refuses them until then; an admin resets someone's, naming them", async ({
  page,
  pageAs,
  request,
}) => {
  const creds = { email: uniqueEmail("two-factor-due"), password: "e2e-password-2fa" };
  await signUpViaApi(request, { ...creds, name: "Due Person" });
  const admin = await pageAs("admin");
  await admin.goto("/admin/security");
  const customers = admin.getByRole("checkbox", { name: "Customer" });
  await customers.check();
  await admin.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("Saved.")).toBeVisible();
  await expectAccessible(admin, "/admin/security");
  try {
    // Signed in, a customer is sent to set it up, wherever they go; the API refuses them with a clear code.
    await signInThroughForm(page, creds.email, creds.password);
    await page.waitForURL(/\/account\/two-factor/);
    await expect(page.getByText("Your role requires two-factor authentication. Set it up to continue")).toBeVisible();
    await page.goto("/tickets");
    await expect(page).toHaveURL(/\/account\/two-factor\?callbackUrl=%2Ftickets/);
    const refused = await trpcQuery(page.request, "tickets.mine", {});
    expect(refused.status).toBe(403);
    expect((refused.error?.data as { appCode?: string } | undefined)?.appCode).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");

    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await page.getByLabel("2. Code from the app").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("button", { name: "I have saved them" }).click();
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/tickets$/);
    expect((await trpcQuery(page.request, "tickets.mine", {})).status).toBe(200);

    // The admin resets it after a dialog that names the person; it is off at once.
    const me = await getMe(page.request);
    await admin.goto(`/admin/users/${me!.id}`);
    await expect(admin.getByTestId("user-two-factor")).toContainText("On since");
    await admin.getByRole("button", { name: "Reset two-factor authentication" }).click();
    const dialog = admin.getByRole("dialog", { name: "Reset the two-factor authentication of Due Person?" });
    await expect(dialog).toContainText(creds.email);
    await dialog.getByRole("button", { name: "Reset", exact: true }).click();
    await expect(admin.getByTestId("user-two-factor")).toHaveText("Off.");
    const audit = await trpcQuery<{ items: { action: string; entityId: string }[] }>(admin.request, "admin.audit", {
      action: "two_factor.reset_by_admin",
    });
    expect(audit.data?.items.some((e) => e.entityId === String(me!.id))).toBe(true);
  } finally {
    await admin.goto("/admin/security");
    await admin.getByRole("checkbox", { name: "Customer" }).uncheck();
    await admin.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByText("Saved.")).toBeVisible();
  }
});
