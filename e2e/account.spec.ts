import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expectAccessible } from "./accessibility";
import { expect, getMe, ok, signInViaApi, tag, test, trpcMutation, trpcQuery, uniqueEmail, type Credentials } from "./helpers";

/**
 * A new agent, invited by the admin and activated through the emailed link (read from the outbox), so that
 * revoking their sessions never touches the demo accounts other tests share.
 */
async function newAgent(admin: APIRequestContext, request: APIRequestContext, name: string): Promise<Credentials & { id: number }> {
  const email = uniqueEmail("agent");
  const { id } = ok(await trpcMutation<{ id: number }>(admin, "admin.invite", { email, name, role: "agent" }));
  let token: string | undefined;
  await expect
    .poll(
      async () => {
        const page = ok(await trpcQuery<{ items: { to: string; text: string }[] }>(admin, "admin.outbox", { limit: 50 }));
        token = /\/invite\/([\w-]+)/.exec(page.items.find((m) => m.to === email)?.text ?? "")?.[1];
        return token;
      },
      { message: `the invitation to ${email}` },
    )
    .toBeTruthy();
  const password = "violet tractor umbrella harbour 42";
  ok(await trpcMutation(request, "account.acceptInvite", { token, password }));
  return { email, password, id };
}

/** A browser of its own, signed in as `who`, on /account. */
async function signedInBrowser(browser: Browser, baseURL: string | undefined, who: Credentials): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await signInViaApi(context.request, who);
  const page = await context.newPage();
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  return page;
}

test.describe("account and sessions", () => {
  test("one browser signs out another, then everywhere: the others are signed out at their next navigation", async ({
    pageAs,
    request,
    browser,
    baseURL,
  }) => {
    const admin = await pageAs("admin");
    const name = `Sasha Sessions ${tag()}`;
    const agent = await newAgent(admin.request, request, name);
    const laptop = await signedInBrowser(browser, baseURL, agent);
    const phone = await signedInBrowser(browser, baseURL, agent);
    const tablet = await signedInBrowser(browser, baseURL, agent);

    await test.step("the account page lists three sessions, this one marked, and passes axe", async () => {
      await laptop.reload();
      const rows = laptop.getByTestId("session-row");
      await expect(rows).toHaveCount(3);
      await expect(rows.filter({ hasText: "This device" })).toHaveCount(1);
      await expect(laptop.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
      await expectAccessible(laptop, "/account");
    });

    await test.step("signing out one other session ends it at its next navigation", async () => {
      // The tablet signed in last; the laptop's list is most recently active first, itself included.
      const others = laptop.getByRole("button", { name: /^Sign out .*, last active / });
      await expect(others).toHaveCount(2);
      await others.first().click();
      await expect(laptop.getByTestId("session-row")).toHaveCount(2);
      const survivors = [phone, tablet];
      const states = await Promise.all(survivors.map((p) => getMe(p.request)));
      expect(states.filter((me) => me === null)).toHaveLength(1);
      expect(states.filter((me) => me?.email === agent.email)).toHaveLength(1);
    });

    await test.step("sign out everywhere: a dialog asks first, then this browser goes to sign-in", async () => {
      await laptop.getByRole("button", { name: "Sign out everywhere" }).click();
      const dialog = laptop.getByRole("dialog", { name: "Sign out everywhere?" });
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
      await laptop.waitForURL((url) => url.pathname === "/signin");
      expect(await getMe(laptop.request)).toBeNull();
    });

    await test.step("the other browsers are signed out at their next navigation", async () => {
      for (const page of [phone, tablet]) {
        await page.goto("/account");
        await page.waitForURL((url) => url.pathname === "/signin");
        expect(await getMe(page.request)).toBeNull();
      }
    });

    await test.step("the audit trail says why, readably", async () => {
      await admin.goto(`/admin/audit?action=user.sessions_revoked&entityType=user&entityId=${agent.id}`);
      const row = admin.getByTestId("audit-row").first();
      await expect(row).toContainText(name);
      await expect(row.getByTestId("audit-changes")).toContainText("Reason: signed out everywhere");
      await row.getByText("Raw event").click();
      await expect(row).toContainText('"reason":"signed_out_everywhere"');
    });

    for (const p of [laptop, phone, tablet]) await p.context().close();
  });

  test("changing a role or disabling someone asks first, naming the person and the new role", async ({ pageAs, request }) => {
    const admin = await pageAs("admin");
    const name = `Rita Roles ${tag()}`;
    const agent = await newAgent(admin.request, request, name);
    const role = async () =>
      ok(
        await trpcQuery<{ items: { id: number; role: string; disabled: boolean }[] }>(admin.request, "admin.users", { limit: 100 }),
      ).items.find((u) => u.id === agent.id);

    await admin.goto("/admin/users");
    const row = admin.getByTestId("user-row").filter({ hasText: name });
    const select = row.getByLabel(`Role for ${name}`);

    await test.step("picking a role opens a dialog that names the person and both roles; Cancel changes nothing", async () => {
      await select.selectOption("admin");
      const dialog = admin.getByRole("dialog", { name: `Change the role of ${name} (${agent.email}) from Agent to Admin?` });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("An admin manages every user");
      await expectAccessible(admin, "/admin/users with the role dialog open");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(select).toHaveValue("agent");
      expect((await role())?.role).toBe("agent");
    });

    await test.step("confirming makes the change", async () => {
      await select.selectOption("lead");
      const dialog = admin.getByRole("dialog", { name: `Change the role of ${name} (${agent.email}) from Agent to Lead?` });
      await dialog.getByRole("button", { name: `Make ${name} Lead` }).click();
      await expect(dialog).toBeHidden();
      await expect(select).toHaveValue("lead");
      expect((await role())?.role).toBe("lead");
    });

    await test.step("disabling asks too, naming the person", async () => {
      await row.getByRole("button", { name: `Disable ${name}` }).click();
      const dialog = admin.getByRole("dialog", { name: `Disable ${name} (${agent.email})?` });
      await expect(dialog).toContainText("signed out everywhere");
      await dialog.getByRole("button", { name: "Disable" }).click();
      await expect(row).toContainText("Disabled");
      expect((await role())?.disabled).toBe(true);
    });

    await test.step("the audit trail shows the change readably, with the raw event one click away", async () => {
      await admin.goto(`/admin/audit?action=user.role_changed&entityType=user&entityId=${agent.id}`);
      const event = admin.getByTestId("audit-row").first();
      await expect(event.getByTestId("audit-changes")).toHaveText("Role: Agent → Lead");
      await expect(event).toContainText(name);
      await event.getByText("Raw event").click();
      await expect(event).toContainText('"after":{"role":"lead"}');
    });
  });
});
