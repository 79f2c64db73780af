import { test, expect } from "./helpers";
import { checkPagesAccessible, expectAccessible, type PageToCheck } from "./accessibility";

// /status and /ru/status go through axe in status-layout.spec.ts, at both sizes and with a day's tooltip open.
const pages: PageToCheck[] = [
  { path: "/incidents", as: "agent", heading: "Incidents" },
  { path: "/incidents/new", as: "agent", heading: /incident/i },
  { path: "/admin/monitors", as: "lead", heading: /Monitors/ },
  { path: "/admin/monitors/new", as: "lead", heading: /monitor/i },
  { path: "/admin/status", as: "lead", heading: "Status page setup" },
  { path: "/admin/subscribers", as: "lead", heading: "Status subscribers" },
];

checkPagesAccessible(pages);

test("a public incident page and its staff page have no serious accessibility violations", async ({ page, pageAs }) => {
  await page.goto("/status");
  await page.getByRole("region", { name: "Past incidents" }).getByRole("link").first().click();
  await page.waitForURL(/\/status\/incidents\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "/status/incidents/:id");
  const id = /\/status\/incidents\/(\d+)$/.exec(page.url())![1];

  const agent = await pageAs("agent");
  await agent.goto(`/incidents/${id}`);
  await expect(agent.getByRole("heading", { level: 1 })).toContainText(`#${id}`);
  await expectAccessible(agent, "/incidents/:id");
});

test("a monitor's page has no serious accessibility violations", async ({ pageAs }) => {
  const lead = await pageAs("lead");
  await lead.goto("/admin/monitors");
  await lead.getByRole("main").getByRole("link", { name: "Help-center search" }).click();
  await lead.waitForURL(/\/admin\/monitors\/\d+$/);
  await expect(lead.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(lead, "/admin/monitors/:id");
});
