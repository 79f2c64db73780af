import type { Page } from "@playwright/test";
import { test, expect, createTicketViaApi, getTicketViaApi, tag } from "./helpers";

/**
 * Staff changes revalidate the cached public page: a load soon after shows them (checked softly first). "Soon" is
 * well inside the minute after which the status page is rendered again anyway, and loose enough for a CI machine
 * running two app servers and two browsers on two cores; the 2-second bound itself is proved without a browser
 * (server/page-cache/watch.test.ts, lib/page-cache.test.ts).
 */
async function expectOnPublicPage(page: Page, url: string, check: (page: Page) => Promise<void>, what: string) {
  const attempt = async () => {
    await page.goto(url);
    await check(page);
  };
  await expect
    .soft(attempt, `${what}: shown soon after the change (the page is revalidated)`)
    .toPass({ timeout: 15_000, intervals: [500] });
  // Carry on with the rest of the workflow even if the page was stale, once the 30-second cache has expired.
  await expect(attempt, `${what}: shown eventually`).toPass({ timeout: 45_000, intervals: [2_000] });
}

/** "YYYY-MM-DDTHH:MM" in UTC, as the maintenance form's datetime-local inputs take it. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

test("an agent runs an incident by hand: public page, linked ticket replies, resolution", async ({ page, pageAs }) => {
  test.setTimeout(120_000);
  const t = tag();
  const title = `API errors for some integrations ${t}`;
  const firstUpdate = `Some API requests fail with a 502 error. We are looking into it. ${t}`;
  const secondUpdate = `We found a faulty load balancer node and took it out of rotation. ${t}`;
  const ticketReply = `The API errors came from a faulty load balancer node; it is fixed now. ${t}`;
  const resolution = `The API has been working normally for an hour. ${t}`;

  const customer = await pageAs("customer");
  const ticketSubject = `API errors in our integration ${t}`;
  const ticketId = await createTicketViaApi(customer.request, {
    subject: ticketSubject,
    description: "Since this morning our integration gets errors from the API on every second request.",
    priority: "high",
  });

  const agent = await pageAs("agent");
  let incidentId = 0;
  await test.step("open the incident affecting the API", async () => {
    await agent.goto("/incidents");
    await expect(agent.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
    await agent.getByRole("link", { name: "New incident" }).click();
    await agent.waitForURL("**/incidents/new");
    const form = agent.getByRole("main");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Impact", { exact: true }).selectOption("minor");
    await form.getByLabel("Status", { exact: true }).selectOption("investigating");
    await form.getByLabel("API", { exact: true }).selectOption("partial_outage");
    await form.getByLabel("Update for customers", { exact: true }).fill(firstUpdate);
    await form.getByRole("button", { name: "Open incident" }).click();
    await agent.waitForURL(/\/incidents\/\d+$/);
    incidentId = Number(/\/incidents\/(\d+)$/.exec(agent.url())![1]);
    await expect(agent.getByRole("heading", { level: 1 })).toHaveText(`#${incidentId} ${title}`);
  });

  await expectOnPublicPage(
    page,
    "/status",
    async (p) => {
      const card = p.getByRole("region", { name: "Active incidents" }).getByRole("article").filter({ hasText: title });
      await expect(card).toContainText(firstUpdate, { timeout: 1_000 });
      await expect(card).toContainText("Affected: API", { timeout: 1_000 });
      await expect(p.locator("#component-api")).toContainText("Partial outage", { timeout: 1_000 });
    },
    "the new incident on /status",
  );

  await test.step("post an update", async () => {
    await agent.locator("#update-status").selectOption("identified");
    await agent.locator("#update-body").fill(secondUpdate);
    await agent.getByRole("button", { name: "Post update" }).click();
    await expect(agent.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await expect(agent.getByRole("main").getByText(secondUpdate)).toBeVisible();
  });

  await expectOnPublicPage(
    page,
    `/status/incidents/${incidentId}`,
    async (p) => {
      const timeline = p.getByRole("region", { name: "Timeline" });
      await expect(timeline.getByRole("listitem"), "timeline entries").toHaveCount(2, { timeout: 1_000 });
      await expect(timeline.getByRole("listitem").first()).toContainText(`Identified`, { timeout: 1_000 });
      await expect(timeline.getByRole("listitem").first()).toContainText(secondUpdate, { timeout: 1_000 });
    },
    "the update on the public incident page",
  );

  await test.step("link the customer's ticket from the suggestions", async () => {
    await agent.reload();
    const suggestions = agent.locator("section").filter({ has: agent.getByRole("heading", { name: "Suggested tickets" }) });
    const row = suggestions.getByRole("listitem").filter({ hasText: `#${ticketId} ${ticketSubject}` });
    await expect(row).toBeVisible();
    await expect(row).toContainText("mentions an affected component");
    await row.getByRole("button", { name: "Link" }).click();
    const linked = agent.locator("section").filter({ has: agent.getByRole("heading", { name: "Linked tickets" }) });
    await expect(linked.getByRole("link", { name: `#${ticketId} ${ticketSubject}` })).toBeVisible();
  });

  await test.step("an update that also replies on linked tickets reaches the customer", async () => {
    await agent.locator("#update-body").fill(ticketReply);
    await agent.locator("#update-notify").check();
    await agent.getByRole("button", { name: "Post update" }).click();
    await expect(agent.getByRole("status").filter({ hasText: "Replied on 1 linked tickets." })).toBeVisible();

    const ticket = await getTicketViaApi(customer.request, ticketId);
    expect(ticket.data?.messages.filter((m) => m.kind === "reply").map((m) => m.body)).toContain(ticketReply);
    await customer.goto(`/tickets/${ticketId}`);
    await expect(customer.getByTestId("message-reply").filter({ hasText: ticketReply })).toBeVisible();
  });

  await test.step("resolve the incident", async () => {
    await agent.locator("#resolve-body").fill(resolution);
    await agent.getByRole("button", { name: "Resolve incident" }).click();
    await expect(agent.getByRole("main").getByText("Resolved", { exact: true }).first()).toBeVisible();
    await expect(agent.getByRole("button", { name: "Post update" })).toHaveCount(0);
  });

  await expectOnPublicPage(
    page,
    "/status",
    async (p) => {
      await expect(p.getByRole("region", { name: "Active incidents" }).getByText(title), "no longer active").toHaveCount(0, {
        timeout: 1_000,
      });
      const item = p.getByRole("region", { name: "Past incidents" }).getByRole("listitem").filter({ hasText: title });
      await expect(item).toContainText("Resolved", { timeout: 1_000 });
      await expect(p.locator("#component-api")).not.toContainText("Partial outage", { timeout: 1_000 });
    },
    "the resolved incident on /status",
  );

  await page.goto(`/status/incidents/${incidentId}`);
  await expect(page.getByRole("group", { name: "Stages" }).locator('[aria-current="step"]')).toHaveText("Resolved");
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem").first()).toContainText(resolution);
});

test("a lead schedules maintenance and it is announced on /status", async ({ page, pageAs }) => {
  const t = tag();
  const title = `Network switch replacement ${t}`;
  const body = `The website may be unreachable for a few minutes. ${t}`;
  const start = Date.now() + 2 * 24 * 3_600_000;

  const lead = await pageAs("lead");
  await lead.goto("/admin/status");
  await expect(lead.getByRole("heading", { level: 1, name: "Status page setup" })).toBeVisible();
  const form = lead.locator("form").filter({ has: lead.locator("#maint-title") });
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel("Details for customers", { exact: true }).fill(body);
  await form.getByLabel("Starts (UTC)", { exact: true }).fill(utcInput(start));
  await form.getByLabel("Ends (UTC)", { exact: true }).fill(utcInput(start + 3_600_000));
  await form.getByRole("checkbox", { name: "Website", exact: true }).check();
  await form.getByRole("button", { name: "Schedule" }).click();
  await expect(lead.getByRole("main").getByText(title)).toBeVisible();
  await expect(form.getByLabel("Title", { exact: true })).toHaveValue("");

  await expectOnPublicPage(
    page,
    "/status",
    async (p) => {
      const card = p.getByRole("region", { name: "Planned maintenance" }).getByRole("article").filter({ hasText: title });
      await expect(card).toContainText("Scheduled", { timeout: 1_000 });
      await expect(card).toContainText(body, { timeout: 1_000 });
      await expect(card).toContainText("Affected: Website", { timeout: 1_000 });
    },
    "the maintenance on /status",
  );

  const json = await (await page.request.get("/api/status")).json();
  expect((json.maintenance as { title: string; status: string; startsAt: string }[]).find((m) => m.title === title)).toMatchObject({
    status: "scheduled",
    startsAt: new Date(Math.floor(start / 60_000) * 60_000).toISOString(),
  });
});
