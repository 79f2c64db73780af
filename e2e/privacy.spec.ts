import fs from "node:fs/promises";
import crypto from "node:crypto";
import { checkPagesAccessible, expectAccessible } from "./accessibility";
import {
  createTicketViaApi,
  expect,
  getMe,
  newCustomerPage,
  ok,
  signInViaApi,
  tag,
  test,
  trpcQuery,
  uniqueEmail,
  signUpViaApi,
} from "./helpers";

test.describe("privacy", () => {
  test("a customer downloads their data and deletes their account", async ({ pageAs, request, browser, baseURL }) => {
    const id = tag();
    // Her name stays out of the subject: erasure removes each part of her name from the ticket's text.
    const name = "Priya Sharma";
    const { page, creds } = await newCustomerPage(pageAs, request, name);
    const subject = `My own ticket ${id}`;
    const ticketId = await createTicketViaApi(page.request, {
      subject,
      description: "Priya Sharma here: something about me that I want back.",
    });

    await test.step("the account page is in the navigation and passes axe", async () => {
      await page.goto("/tickets");
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Account" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
      await expect(page.getByText(`Signed in as ${name} (${creds.email}).`)).toBeVisible();
      await expectAccessible(page, "/account");
    });

    await test.step("download my data: a JSON file with the account and the ticket", async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download my data (JSON)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^mayak-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(await fs.readFile((await download.path())!, "utf8")) as {
        account: { email: string; name: string };
        tickets: { id: number; subject: string }[];
      };
      expect(data.account).toMatchObject({ email: creds.email, name });
      expect(data.tickets.map((t) => [t.id, t.subject])).toEqual([[ticketId, subject]]);
    });

    await test.step("a wrong password is refused in the dialog and nothing is deleted", async () => {
      await page.getByLabel("Your password", { exact: true }).fill("not-my-password");
      await page.getByRole("button", { name: "Delete my account" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete your account?" });
      await expect(dialog).toBeVisible();
      await expectAccessible(page, "/account with the confirmation open");
      await dialog.getByRole("button", { name: "Delete for good" }).click();
      await expect(dialog.getByRole("alert")).toHaveText("Wrong password");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      expect((await getMe(page.request))?.email).toBe(creds.email);
    });

    await test.step("with the password, the account is deleted at once and the browser is signed out", async () => {
      await page.getByLabel("Your password", { exact: true }).fill(creds.password);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await page.getByRole("dialog", { name: "Delete your account?" }).getByRole("button", { name: "Delete for good" }).click();
      await page.waitForURL((url) => url.pathname === "/" || url.pathname === "/en");
      expect(await getMe(page.request)).toBeNull();
    });

    await test.step("the old password no longer signs in", async () => {
      const context = await browser.newContext({ baseURL });
      // Refused (HTTP 401): the address no longer belongs to any account.
      await expect(signInViaApi(context.request, creds)).rejects.toThrow();
      await context.close();
    });

    await test.step("the team still has the ticket, without her name, and the audit trail records the erasure", async () => {
      const admin = await pageAs("admin");
      const ticket = ok(
        await trpcQuery<{ subject: string; description: string; requester: { name: string; email: string } }>(
          admin.request,
          "tickets.get",
          { id: ticketId },
        ),
      );
      expect(ticket.subject).toBe(subject);
      expect(ticket.description).toBe("[removed] here: something about me that I want back.");
      expect(ticket.requester.name).toMatch(/^Deleted user #\d+$/);
      expect(ticket.requester.email).toMatch(/@erased\.invalid$/);
      const audit = ok(
        await trpcQuery<{ items: { action: string; after: unknown }[] }>(admin.request, "admin.audit", { action: "privacy.user_erased" }),
      );
      expect(audit.items[0]?.after).toMatchObject({ by: "self", tickets: 1 });
      expect(JSON.stringify(audit)).not.toContain(creds.email);
    });
  });

  test("an admin erases a customer after a dialog that names them", async ({ pageAs, request }) => {
    const name = `Anna Petrova ${tag()}`;
    const email = uniqueEmail("anna");
    await signUpViaApi(request, { email, name, password: "anna-password-123" });
    const admin = await pageAs("admin");
    await admin.goto("/admin/users?role=customer");
    await admin.getByRole("link", { name }).click();
    await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
    await expectAccessible(admin, "/admin/users/<id>");

    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Export data (JSON)" }).click()]);
    expect(JSON.parse(await fs.readFile((await download.path())!, "utf8")).account).toMatchObject({ email, name });

    await admin.getByRole("button", { name: "Erase personal data" }).click();
    const dialog = admin.getByRole("dialog", { name: `Erase ${name} (${email})? This cannot be undone.` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Erase" }).click();
    await expect(admin.getByTestId("erased")).toContainText("Personal data erased on");
    await expect(admin.getByRole("heading", { level: 1, name: /^Deleted user #\d+$/ })).toBeVisible();
  });

  test("an auditor downloads the audit trail as CSV and JSON, each ending with its own hash", async ({ pageAs }) => {
    const lead = await pageAs("lead");
    await lead.goto("/admin/audit");
    for (const [button, trailer] of [
      ["Download CSV", 80],
      ["Download JSON", 83],
    ] as const) {
      const [download] = await Promise.all([lead.waitForEvent("download"), lead.getByRole("button", { name: button }).click()]);
      const bytes = await fs.readFile((await download.path())!);
      const hash = crypto
        .createHash("sha256")
        .update(bytes.subarray(0, bytes.length - trailer))
        .digest("hex");
      expect(bytes.subarray(bytes.length - trailer).toString("utf8")).toContain(hash);
    }
  });

  test("the export routes refuse outsiders before sending anything", async ({ pageAs, request }) => {
    expect((await request.get("/api/account/export")).status()).toBe(401);
    expect((await request.get("/api/audit/export?format=json")).status()).toBe(401);
    const customer = await pageAs("customer");
    expect((await customer.request.get("/api/audit/export?format=csv")).status()).toBe(404);
    expect((await customer.request.get("/api/admin/users/1/export")).status()).toBe(404);
    const me = await getMe(customer.request);
    expect((await customer.request.get(`/api/admin/users/${me!.id}/export`)).status()).toBe(404);
  });
});

checkPagesAccessible([
  { path: "/admin/retention", as: "admin", heading: "Data retention" },
  { path: "/account", as: "agent", heading: "Your account" },
]);
