import { expect, ok, tag, test, trpcMutation, createTicketViaApi } from "./helpers";

// Ticket life (issues 9 and 10): an agent merges a duplicate; the customer follows the pointer and rates the answer.

test("an agent merges a duplicate from the ticket page; the customer is pointed to it and rates it once solved", async ({ pageAs }) => {
  // The demo customer: sign-ups are limited to 10 an hour per address.
  const customer = await pageAs("customer");
  const t = tag();
  const original = await createTicketViaApi(customer.request, {
    subject: `Invoice PDF is blank ${t}`,
    description: "The invoice PDF opens as an empty page.",
  });
  const duplicate = await createTicketViaApi(customer.request, {
    subject: `Blank invoice again ${t}`,
    description: "Still getting an empty invoice PDF today.",
  });

  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${duplicate}`);
  await agent.getByRole("button", { name: "Merge into another ticket" }).click();
  const dialog = agent.getByRole("dialog", { name: "Merge this ticket into another" });
  await dialog.getByRole("button", { name: `#${original} Invoice PDF is blank ${t}` }).click();
  await expect(dialog.getByLabel("Number of the ticket to merge into")).toHaveValue(String(original));
  await dialog.getByTestId("merge-submit").click();

  await expect(agent).toHaveURL(new RegExp(`/inbox/${original}$`));
  await expect(agent.getByTestId("message-reply").first()).toContainText(`#${duplicate} Blank invoice again ${t}`);
  await expect(agent.getByTestId("timeline-event").filter({ hasText: `merged ticket #${duplicate} into this one` })).toBeVisible();

  await customer.goto(`/tickets/${duplicate}`);
  await expect(customer.getByTestId("merged-into")).toContainText(`This ticket was merged into #${original}.`);
  await customer.getByRole("link", { name: `Open ticket #${original}` }).click();
  await expect(customer).toHaveURL(new RegExp(`/tickets/${original}$`));

  ok(await trpcMutation(agent.request, "inbox.update", { ticketId: original, status: "solved" }));
  await customer.reload();
  const rating = customer.getByTestId("csat-form");
  await rating.getByLabel("Good").check();
  await rating.getByLabel("Comment (optional)").fill("Fixed quickly, thank you");
  await rating.getByRole("button", { name: "Send my rating" }).click();
  await expect(rating.getByRole("status")).toContainText("Thank you for your rating.");

  await agent.goto(`/inbox/${original}`);
  await expect(agent.getByTestId("csat-staff")).toContainText("Good");
  await expect(agent.getByTestId("csat-staff")).toContainText("Fixed quickly, thank you");
});

test("the inbox list shows a new ticket without a reload, moves and selects by keyboard, and merges the selection", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const t = tag();
  const first = await createTicketViaApi(customer.request, {
    subject: `Coupon rejected ${t}`,
    description: "The coupon code is rejected at checkout.",
  });
  const second = await createTicketViaApi(customer.request, {
    subject: `Coupon not working ${t}`,
    description: "My coupon code is refused when I pay.",
  });

  const agent = await pageAs("agent");
  const polled = agent.waitForResponse((r) => r.url().includes("ticketLife.inboxVersion"));
  await agent.goto("/inbox?view=all&sort=created&requester=customer%40mayak.local");
  await polled;
  const rows = agent.getByTestId("ticket-row");
  await expect(rows.first()).toContainText(`Coupon not working ${t}`);

  const third = await createTicketViaApi(customer.request, {
    subject: `Coupon third try ${t}`,
    description: "Tried a third coupon, also refused.",
  });
  // No reload: the list polls its version and refreshes itself.
  await expect(rows.first()).toContainText(`Coupon third try ${t}`, { timeout: 15_000 });

  await agent.keyboard.press("j");
  await expect(rows.nth(0).getByRole("link")).toBeFocused();
  await agent.keyboard.press("j");
  await expect(rows.nth(1).getByRole("link")).toBeFocused();
  await agent.keyboard.press("x");
  await expect(agent.getByLabel(`Select ticket #${second}`)).toBeChecked();
  await agent.keyboard.press("k");
  await agent.keyboard.press("x");
  await expect(agent.getByLabel(`Select ticket #${third}`)).toBeChecked();

  await agent.getByTestId("bulk-merge-target").fill(String(first));
  await agent.getByRole("form", { name: "Merge" }).getByRole("button", { name: "Merge" }).click();
  await expect(agent.getByTestId("bulk-merge-result")).toContainText(`2 of 2 merged into #${first}.`);
  await agent.keyboard.press("?");
  await expect(agent.getByRole("dialog", { name: "Keyboard shortcuts in the list" })).toBeVisible();
});
