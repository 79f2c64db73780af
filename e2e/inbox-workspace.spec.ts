import { test, expect, createTicketViaApi, tag } from "./helpers";

test("an agent bulk-tags tickets, filters by the tag, searches, saves the view, and the back button returns", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const id = tag();
  const word = `zebra${id}`;
  const customer = await pageAs("customer");
  const first = await createTicketViaApi(customer.request, {
    subject: `Coupon code rejected ${id}`,
    description: `The ${word} coupon is refused at checkout.`,
  });
  const second = await createTicketViaApi(customer.request, {
    subject: `Gift card balance wrong ${id}`,
    description: "The balance shows zero after a refund.",
  });

  const agent = await pageAs("agent");
  await test.step("select two tickets and add a tag to both", async () => {
    await agent.goto("/inbox?sort=created");
    await expect(agent.getByRole("heading", { level: 1, name: "Open" })).toBeVisible();
    await expect(agent.getByTestId("count-open")).toHaveText(/^\d[\d,]*$/);
    await agent.getByRole("checkbox", { name: `Select ticket #${first}` }).check();
    await agent.getByRole("checkbox", { name: `Select ticket #${second}` }).check();
    await expect(agent.getByText("2 selected")).toBeVisible();
    await agent.getByLabel("Add tags").fill(`promo-${id}`);
    await agent.getByRole("button", { name: "Apply to selected" }).click();
    await expect(agent.getByTestId("bulk-result")).toContainText("2 of 2 tickets changed.");
  });

  await test.step("filter by the tag: the URL holds the list", async () => {
    // The filters are folded away unless some are on (here the order is).
    const tagField = agent.getByLabel("Tag", { exact: true });
    if (!(await tagField.isVisible())) await agent.getByText("Filters", { exact: true }).click();
    await tagField.fill(`promo-${id}`);
    await agent.getByRole("button", { name: "Apply filters" }).click();
    await expect(agent).toHaveURL(new RegExp(`/inbox\\?tag=promo-${id}&sort=created$`));
    const rows = agent.getByTestId("ticket-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(`Gift card balance wrong ${id}`);
    await expect(rows.first()).toContainText(`promo-${id}`);
  });

  await test.step("save it as a personal view", async () => {
    await agent.getByText("Save this view").click();
    await agent.getByLabel("Name of the view").fill(`Promotions ${id}`);
    await agent.getByRole("button", { name: "Save view" }).click();
    const link = agent.getByRole("navigation", { name: "Views" }).getByRole("link", { name: new RegExp(`Promotions ${id}`) });
    await expect(link).toBeVisible();
    await expect(link).toContainText("2");
  });

  await test.step("search a word from one description: the match is marked", async () => {
    await agent.getByLabel("Search subjects, descriptions, replies and notes").fill(word);
    await agent.getByRole("button", { name: "Search", exact: true }).click();
    const hits = agent.getByTestId("search-hit");
    await expect(hits).toHaveCount(1);
    await expect(hits.first().locator("mark")).toHaveText(word);
    await expect(hits.first().getByRole("link", { name: new RegExp(`Coupon code rejected ${id}`) })).toBeVisible();
  });

  await test.step("the back button returns to the filtered list", async () => {
    await agent.goBack();
    await expect(agent).toHaveURL(new RegExp(`tag=promo-${id}`));
    await expect(agent.getByTestId("ticket-row")).toHaveCount(2);
  });
});
