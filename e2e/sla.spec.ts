// SLA escalation in the browser (issue 10): a ticket's first response goes amber, breaches, escalates (priority
// raised, the team lead told under the bell) and is answered late, each step on the ticket's timeline. A target's
// minutes cannot pass during a test, so this spec starts its own server (server.mjs from the same build, fresh
// SQLite with the demo data) with MAYAK_TEST_HOOKS=true, which opens POST /api/test/sla: it moves one ticket's
// clocks into the past and runs the sweep (server/sla/test-clock.ts). No other server has that route.
import { test, expect, request as playwrightRequest, type APIRequestContext, type Browser } from "@playwright/test";
import { DEMO, ok, signInViaApi, tag, trpcMutation, trpcQuery, type Credentials } from "./helpers";
import { startOwnServer, type OwnServer } from "./own-server";

const PORT = Number(process.env.SLA_E2E_PORT ?? 3194);
const APP = `http://127.0.0.1:${PORT}`;

let server: OwnServer | undefined;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({
    name: "sla",
    port: PORT,
    env: { NEXTAUTH_URL: APP, NEXTAUTH_SECRET: "e2e-sla-secret-e2e-sla-secret-0", MAYAK_TEST_HOOKS: "true" },
  });
});

test.afterAll(async () => {
  await server?.stop();
});

async function signedIn(browser: Browser, who: Credentials) {
  const context = await browser.newContext({ baseURL: APP });
  const me = await signInViaApi(context.request, who);
  return { context, me, page: await context.newPage() };
}

/** Moves the ticket's clocks `minutes` into the past and sweeps (the app's own sweep, every 15 s, may take the step first). */
async function advance(request: APIRequestContext, ticketId: number, minutes: number): Promise<void> {
  const res = await request.post("/api/test/sla", { data: { ticketId, minutes } });
  expect(res.ok(), `POST /api/test/sla: HTTP ${res.status()}`).toBeTruthy();
}

test("a first response goes amber, breaches, raises the priority, tells the lead and is met late", async ({ browser }) => {
  const lead = await signedIn(browser, DEMO.lead);
  const agent = await signedIn(browser, DEMO.agent);
  const customer = await signedIn(browser, DEMO.customer);
  const t = tag();

  // A team of its own (led by the demo lead) and a policy for that team only, first in the order: 10 minutes.
  const team = ok(
    await trpcMutation<{ id: number }>(lead.context.request, "workspace.saveTeam", {
      name: `SLA desk ${t}`,
      leadId: lead.me.id,
      memberIds: [agent.me.id],
    }),
  ).id;
  const ten = { first_response: 10, next_response: null, resolution: null };
  const policy = ok(
    await trpcMutation<{ id: number }>(lead.context.request, "sla.savePolicy", {
      name: `Ten minutes ${t}`,
      calendarId: null,
      conditions: { priorities: [], categoryIds: [], teamIds: [team], domains: [] },
      targets: { urgent: ten, high: ten, normal: ten, low: ten },
      breachAction: "raise_priority",
    }),
  ).id;
  for (let i = 0; i < 3; i++) ok(await trpcMutation(lead.context.request, "sla.movePolicy", { id: policy, direction: "up" }));

  const subject = `Invoices page is empty ${t}`;
  const id = ok(
    await trpcMutation<{ id: number }>(customer.context.request, "tickets.create", {
      subject,
      description: "The invoices page shows nothing since this morning.",
    }),
  ).id;
  ok(await trpcMutation(lead.context.request, "inbox.update", { ticketId: id, teamId: team, assigneeId: agent.me.id }));

  const page = agent.page;
  const card = page.getByTestId("sla-card");
  const clock = card.locator("[data-sla]").first();
  const timeline = (text: string | RegExp) => page.getByTestId("timeline-event").filter({ hasText: text });
  await page.goto(`/inbox/${id}`);
  await expect(card).toContainText(`Ten minutes ${t}`);
  await expect(clock).toHaveAttribute("data-sla", "ok");

  // Eight of the ten minutes gone: amber, and the assignee warned.
  await advance(lead.context.request, id, 8);
  await page.reload();
  await expect(clock).toHaveAttribute("data-sla", "warn");
  await expect(timeline("First response is due soon: the assignee was warned")).toBeVisible();

  // Past due: breached, the priority raised, the team lead told.
  await advance(lead.context.request, id, 3);
  await page.reload();
  await expect(clock).toHaveAttribute("data-sla", "breached");
  await expect(timeline("First response target breached: the team lead was told")).toBeVisible();
  await expect(timeline("Mayak changed the priority from Normal to High")).toBeVisible();

  await lead.page.goto("/inbox");
  await lead.page.getByTestId("notification-bell").click();
  await expect(
    lead.page.getByTestId("notification-panel").getByRole("link", { name: `#${id} ${subject}: the first response target was missed` }),
  ).toBeVisible();

  // Answered and solved: the target shows as met late, on the card and on the timeline.
  ok(await trpcMutation(agent.context.request, "tickets.reply", { ticketId: id, body: "Fixed: the invoices are back.", kind: "reply" }));
  ok(await trpcMutation(agent.context.request, "inbox.update", { ticketId: id, status: "solved" }));
  await page.reload();
  await expect(card).toContainText(/First response: met \d+ business min late/);
  await expect(timeline(/First response given \d+ business min late/)).toBeVisible();
  const view = ok(await trpcQuery<{ priority: string }>(agent.context.request, "tickets.get", { id }));
  expect(view.priority).toBe("high");

  for (const c of [lead, agent, customer]) await c.context.close();
});

test("the hook does not exist on a server started without MAYAK_TEST_HOOKS", async () => {
  // The suite's own server (playwright.config.ts), started as every deployment is.
  const main = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}` });
  expect((await main.post("/api/test/sla", { data: { ticketId: 1, minutes: 5 } })).status()).toBe(404);
  await main.dispose();
});
