import { expect, ok, test, tag, trpcMutation } from "./helpers";

// Teams and notifications (issue 9, items 7 and 8): a ticket filed in a category goes to the category's team and,
// in turn, to an available member, who finds it under the bell.

test("a ticket filed in a category reaches the team's available agent, whose bell links to it", async ({ pageAs }) => {
  const lead = await pageAs("lead");
  // The lead is a member of the web team too: away, so the turn can only fall to the demo agent.
  ok(await trpcMutation(lead.request, "deskFlow.setStatus", { away: true }));
  try {
    const customer = await pageAs("customer");
    const t = tag();
    await customer.goto("/tickets/new");
    await customer.getByLabel("Subject").fill(`Card declined at checkout ${t}`);
    await customer.getByLabel("Description").fill("Every card I try is declined on the payment page.");
    await customer.getByLabel("Category").selectOption({ label: "Billing and payments" });
    await customer.getByRole("button", { name: "Submit ticket" }).click();
    await expect(customer).toHaveURL(/\/tickets\/\d+/);
    const id = Number(/\/tickets\/(\d+)/.exec(customer.url())![1]);

    const agent = await pageAs("agent");
    await agent.goto("/inbox");
    await agent.getByTestId("notification-bell").click();
    const panel = agent.getByTestId("notification-panel");
    const link = panel.getByRole("link", { name: new RegExp(`#${id} Card declined at checkout ${t}`) });
    await expect(link).toBeVisible();
    await link.click();
    await expect(agent).toHaveURL(new RegExp(`/inbox/${id}$`));
    await expect(
      agent.getByTestId("timeline-event").filter({ hasText: "routed the ticket to Web support and assigned it to" }),
    ).toBeVisible();
  } finally {
    ok(await trpcMutation(lead.request, "deskFlow.setStatus", { away: false }));
  }
});
