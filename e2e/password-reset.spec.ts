import { test, expect, DEMO, signInViaApi, signUpViaApi, tag, trpcMutation, uniqueEmail } from "./helpers";
import { expectAccessible } from "./accessibility";

test("a forgotten password is reset through the emailed link, and the new one signs in", async ({
  page,
  pageAs,
  request,
  playwright,
  baseURL,
}) => {
  const name = `Reset Person ${tag()}`;
  const email = uniqueEmail("reset");
  const oldPassword = "first lighthouse of the season";
  const newPassword = "second harbour lantern at dusk";
  await signUpViaApi(request, { email, name, password: oldPassword });

  await test.step("from the sign-in page, ask for a link: the answer does not say whether the account exists", async () => {
    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL("**/forgot-password");
    await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
    await expectAccessible(page, "/forgot-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText(`If an account exists for ${email}, we have sent it a link`);
    // An address without an account gets the same answer as one with an account.
    const nobody = await trpcMutation(request, "account.requestPasswordReset", { email: uniqueEmail("nobody"), locale: "en" });
    const agent = await trpcMutation(request, "account.requestPasswordReset", { email: DEMO.agent.email, locale: "en" });
    expect(nobody).toEqual({ status: 200, data: undefined, error: undefined });
    expect(agent).toEqual(nobody);
  });

  let link = "";
  await test.step("the admin finds the email at /admin/outbox", async () => {
    const admin = await pageAs("admin");
    await expect(async () => {
      await admin.goto("/admin/outbox");
      const mail = admin.getByTestId("outbox-email").filter({ hasText: email }).filter({ hasText: "Reset your Mayak password" }).first();
      await expect(mail).toBeVisible({ timeout: 1000 });
      await mail.locator("summary").click();
      const text = await mail.locator("pre").innerText();
      link = /https?:\/\/\S+\/reset-password\?token=[\w%-]+/.exec(text)![0];
    }).toPass({ timeout: 20_000 });
    expect(link).toContain("/reset-password?token=");
  });

  await test.step("open the link and choose a new password, with the strength hint on the way", async () => {
    await page.goto(new URL(link).pathname + new URL(link).search);
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    const field = page.getByLabel("New password");
    await field.fill("password123");
    await field.blur();
    await expect(page.getByTestId("password-strength")).toContainText("This password is too easy to guess");
    await field.fill(newPassword);
    await field.blur();
    await expect(page.getByTestId("password-strength")).toHaveText("This password is strong enough.");
    await expectAccessible(page, "/reset-password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByRole("status")).toHaveText("Your password has been changed. Sign in with the new one.");
  });

  await test.step("the link works once", async () => {
    const again = await playwright.request.newContext({ baseURL });
    const token = new URL(link).searchParams.get("token");
    const reused = await trpcMutation(again, "account.resetPassword", { token, password: "third lantern on the pier" });
    expect(reused.status).toBe(400);
    expect(reused.error?.message).toBe("This reset link is invalid, has expired or has already been used. Ask for a new one.");
    await again.dispose();
  });

  await test.step("sign in with the new password", async () => {
    await page.getByRole("link", { name: "Sign in" }).last().click();
    await page.waitForURL("**/signin**");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("whoami")).toHaveText(`${name} · Customer`);
  });
});

test("on the account page, a password change asks for the current password first", async ({ pageAs, request, playwright, baseURL }) => {
  const email = uniqueEmail("change");
  const creds = { email, password: "first lighthouse of the season" };
  await signUpViaApi(request, { ...creds, name: `Change Person ${tag()}` });
  const page = await pageAs(creds);
  await page.goto("/account");
  const form = page.getByRole("region", { name: "Change password" });
  await form.getByLabel("Current password").fill("not the current one");
  await form.getByLabel("New password").fill("second harbour lantern at dusk");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.locator("#currentPassword-error")).toHaveText("Your current password is not correct");
  await expectAccessible(page, "/account (password change with an error)");

  await form.getByLabel("Current password").fill(creds.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password has been changed.");
  // This browser stays signed in.
  await page.reload();
  await expect(page.getByRole("region", { name: "Change password" })).toBeVisible();

  const fresh = await playwright.request.newContext({ baseURL });
  await signInViaApi(fresh, { email, password: "second harbour lantern at dusk" });
  await fresh.dispose();
});
