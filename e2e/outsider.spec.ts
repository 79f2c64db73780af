import { test, expect, createTicketViaApi, getTicketViaApi, newCustomerPage, tag, trpcMutation } from "./helpers";

test("customer B cannot see or reply to customer A's ticket", async ({ pageAs, request }) => {
  const a = await pageAs("customer");
  const ticketId = await createTicketViaApi(a.request, {
    subject: `A's private ticket ${tag()}`,
    description: "Only A and the support team may read this.",
  });
  const before = await getTicketViaApi(a.request, ticketId);
  expect(before.status).toBe(200);

  const { page: b } = await newCustomerPage(pageAs, request, "Outsider B");

  const res = await b.goto(`/tickets/${ticketId}`);
  expect(res?.status()).toBe(404);
  await expect(b.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(b.getByText("Only A and the support team may read this.")).toHaveCount(0);

  const read = await getTicketViaApi(b.request, ticketId);
  expect(read.status).toBe(404);
  expect(read.error?.data?.code).toBe("NOT_FOUND");

  const reply = await trpcMutation(b.request, "tickets.reply", { ticketId, body: "I should not be able to post this", kind: "reply" });
  expect(reply.status).toBe(404);
  expect(reply.error?.data?.code).toBe("NOT_FOUND");

  const update = await trpcMutation(b.request, "inbox.update", { ticketId, status: "closed" });
  expect(update.status).toBe(404);
  expect(update.error?.data?.code).toBe("NOT_FOUND");

  const after = await getTicketViaApi(a.request, ticketId);
  expect(after.data?.messages).toEqual(before.data?.messages);
  expect(after.data?.status).toBe(before.data?.status);
});

test("an anonymous visitor to the inbox is sent to sign in", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finbox$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("an anonymous API call is unauthorized", async ({ request }) => {
  const reply = await trpcMutation(request, "tickets.reply", { ticketId: 1, body: "hello", kind: "reply" });
  expect(reply.status).toBe(401);
  expect(reply.error?.data?.code).toBe("UNAUTHORIZED");
});

test.describe("a customer on staff pages", () => {
  test.use({ storageState: async ({ authFile }, use) => use(await authFile("customer")) });

  for (const path of ["/inbox", "/admin/users", "/admin/audit", "/admin/outbox"]) {
    test(`${path} is not found`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    });
  }
});
