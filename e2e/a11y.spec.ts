import { test, expect } from "./helpers";
import { checkPagesAccessible, expectAccessible, type PageToCheck } from "./accessibility";

const pages: PageToCheck[] = [
  // "/", "/signin" and "/signup" go through axe in first-hour.spec.ts, in both languages (phone size).
  { path: "/tickets", as: "customer", heading: "My tickets" },
  { path: "/tickets/new", as: "customer", heading: "File a ticket" },
  { path: "/inbox", as: "agent", heading: "Open" },
  { path: "/admin/users", as: "admin", heading: "Users" },
  { path: "/admin/audit", as: "admin", heading: "Audit trail" },
  { path: "/admin/outbox", as: "admin", heading: "Outbox" },
];

checkPagesAccessible(pages);

test("a ticket page as agent and as customer has no serious accessibility violations", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  await customer.goto("/tickets");
  await customer.getByTestId("ticket-row").first().getByRole("link").click();
  await customer.waitForURL(/\/tickets\/\d+$/);
  const id = /\/tickets\/(\d+)/.exec(customer.url())![1];
  await expect(customer.getByTestId("ticket-subject")).toBeVisible();
  await expectAccessible(customer, "/tickets/:id");

  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${id}`);
  await expect(agent.getByTestId("ticket-subject")).toBeVisible();
  await expectAccessible(agent, "/inbox/:id");
});

test("the new ticket form with field errors has no serious accessibility violations", async ({ pageAs }) => {
  const page = await pageAs("customer");
  await page.goto("/tickets/new");
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.locator("#subject-error")).toBeVisible();
  await expectAccessible(page, "/tickets/new (with errors)");
});
