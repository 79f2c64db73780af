import { expect, getMe, ok, tag, test, trpcMutation, trpcQuery, createTicketViaApi, newCustomerPage } from "./helpers";
import { htmlBytes, pngBytes } from "../tests/attachment-files";

// Working a ticket (issue 9): attachments, macros, timeline, presence and collisions, shortcuts.

test("a customer attaches screenshots by choosing and by pasting; the agent sees the previews; nobody else can fetch them", async ({
  pageAs,
  request,
}) => {
  const { page: customer } = await newCustomerPage(pageAs, request, "Ada Screenshot");
  const subject = `Broken checkout ${tag()}`;
  const id = await createTicketViaApi(customer.request, { subject, description: "The pay button does nothing when I click it." });
  await customer.goto(`/tickets/${id}`);
  await expect(customer).toHaveTitle(new RegExp(`#${id} ${subject}`));

  await test.step("a .png that is really HTML is refused with a message", async () => {
    await customer.getByLabel("Attach files").setInputFiles({ name: "cat.png", mimeType: "image/png", buffer: Buffer.from(htmlBytes()) });
    await expect(customer.getByTestId("attachment-drop").getByRole("alert")).toContainText("cat.png: This kind of file can’t be attached");
    await expect(customer.getByTestId("pending-attachment")).toHaveCount(0);
  });

  await test.step("choose a file, paste a screenshot, send", async () => {
    await customer
      .getByLabel("Attach files")
      .setInputFiles({ name: "step 1.png", mimeType: "image/png", buffer: Buffer.from(pngBytes(40, 20)) });
    await expect(customer.getByTestId("pending-attachment")).toHaveCount(1);
    const bytes = Array.from(pngBytes(20, 40, [20, 120, 220]));
    await customer.getByLabel("Your reply").evaluate((el, data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], "image.png", { type: "image/png" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await expect(customer.getByTestId("pending-attachment")).toHaveCount(2);
    await expect(customer.getByRole("img", { name: "Preview of image.png" })).toBeVisible();
    await customer.getByLabel("Your reply").fill("Here is what I see");
    await customer.getByRole("button", { name: "Send reply" }).click();
    const message = customer.getByTestId("message-reply").filter({ hasText: "Here is what I see" });
    await expect(message.getByRole("img")).toHaveCount(2);
  });

  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${id}`);
  const preview = agent.getByRole("img", { name: "Preview of step 1.png" });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  const src = (await preview.getAttribute("src"))!;
  const asAgent = await agent.request.get(src);
  expect(asAgent.status()).toBe(200);
  expect(asAgent.headers()["x-content-type-options"]).toBe("nosniff");
  const { page: stranger } = await newCustomerPage(pageAs, request, "Someone Else");
  expect((await stranger.request.get(src)).status()).toBe(404);
});

test("a customer attaches a screenshot while filing a ticket; it shows with the description", async ({ pageAs }) => {
  // The demo customer: sign-ups are limited to 10 an hour per address, and the suite signs up enough people.
  const customer = await pageAs("customer");
  await customer.goto("/tickets/new");
  const subject = `Error page after login ${tag()}`;
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Description").fill("After signing in I get a blank page with an error code.");
  await customer
    .getByLabel("Attach files")
    .setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: Buffer.from(pngBytes(30, 30)) });
  await expect(customer.getByTestId("pending-attachment")).toHaveCount(1);
  await customer.getByRole("button", { name: "Submit ticket" }).click();
  await expect(customer).toHaveURL(/\/tickets\/\d+\?created=1/);
  await expect(customer).toHaveTitle(new RegExp(subject));
  await expect(customer.getByRole("img", { name: "Preview of blank.png" })).toBeVisible();
});

test("an agent applies a macro: the reply is filled in, and sending also sets the status, with a timeline line", async ({ pageAs }) => {
  const agent = await pageAs("agent");
  const name = `Need more details ${tag()}`;
  ok(
    await trpcMutation(agent.request, "macros.save", {
      name,
      body: "Hi {{requester.firstName}}, could you send a screenshot for ticket #{{ticket.id}}?",
      actions: { status: "pending" },
    }),
  );
  const customer = await pageAs("customer");
  const me = (await getMe(customer.request))!;
  const id = await createTicketViaApi(customer.request, { subject: `Export fails ${tag()}`, description: "The CSV export stops halfway." });
  await agent.goto(`/inbox/${id}`);
  await agent.getByLabel("Insert a macro").selectOption({ label: `${name} · My macros` });
  await expect(agent.getByLabel("Your reply")).toHaveValue(`Hi ${me.name.split(" ")[0]}, could you send a screenshot for ticket #${id}?`);
  await expect(agent.getByTestId("macro-pending")).toContainText("Status: Pending");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByTestId("message-reply").filter({ hasText: "could you send a screenshot" })).toBeVisible();
  await expect(agent.getByTestId("timeline-event").filter({ hasText: /changed the status from Open to Pending/ })).toBeVisible();
});

test("two agents on one ticket see each other, and a reply sent after the other's is held back to show it", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const id = await createTicketViaApi(customer.request, {
    subject: `Double answer ${tag()}`,
    description: "Two agents will open this ticket.",
  });
  const agent = await pageAs("agent");
  const lead = await pageAs("lead");
  const leadMe = (await getMe(lead.request))!;
  await agent.goto(`/inbox/${id}`);
  await lead.goto(`/inbox/${id}`);

  await expect(agent.getByTestId("presence")).toContainText(`${leadMe.name} also viewing`);
  await agent.getByLabel("Your reply").fill("Please restart the export");
  await lead.getByLabel("Your reply").fill("Fixed on our side, try again");
  await expect(agent.getByTestId("presence")).toContainText(`${leadMe.name} typing a reply`);
  await lead.getByRole("button", { name: "Send reply" }).click();
  // The agent's page shows the lead's reply without a reload; the agent's draft stays.
  await expect(agent.getByTestId("message-reply").filter({ hasText: "Fixed on our side" })).toBeVisible();
  await expect(agent.getByLabel("Your reply")).toHaveValue("Please restart the export");

  await agent.getByRole("button", { name: "Send reply" }).click();
  const warning = agent.getByTestId("collision");
  await expect(warning).toContainText("The ticket changed while you were writing");
  await expect(warning).toContainText(`${leadMe.name} replied`);
  await expect(warning).toContainText("Fixed on our side, try again");
  await expect(agent.getByTestId("message-reply").filter({ hasText: "Please restart the export" })).toHaveCount(0);
  await warning.getByRole("button", { name: "Send anyway" }).click();
  await expect(agent.getByTestId("message-reply").filter({ hasText: "Please restart the export" })).toBeVisible();
});

test("keyboard shortcuts: ? lists them, a assigns to me, r goes to the reply box; back to the inbox", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const id = await createTicketViaApi(customer.request, {
    subject: `Shortcut ticket ${tag()}`,
    description: "For the keyboard shortcuts.",
  });
  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${id}`);
  await agent.keyboard.press("?");
  const dialog = agent.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Assign to me");
  await agent.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await agent.keyboard.press("a");
  await expect(agent.getByText("Assigned to you")).toBeVisible();
  await expect(agent.getByTestId("timeline-event").filter({ hasText: /assigned the ticket to/ })).toBeVisible();
  await agent.keyboard.press("r");
  await expect(agent.getByLabel("Your reply")).toBeFocused();
  await agent.getByTestId("back-to-list").click();
  await expect(agent).toHaveURL(/\/inbox$/);
});

test("a lead writes a shared macro on the macros page; an unknown placeholder is refused first", async ({ pageAs }) => {
  const lead = await pageAs("lead");
  const name = `Closing note ${tag()}`;
  await lead.goto("/admin/macros");
  await lead.getByLabel("Name").fill(name);
  await lead.getByLabel("Reply text").fill("Thanks {{requester.first_name}}, closing #{{ticket.id}}.");
  await lead.getByLabel("Also set status").selectOption("solved");
  await lead.getByLabel("Share with all staff").check();
  await lead.getByRole("button", { name: "Save macro" }).click();
  await expect(lead.getByText("The text uses a placeholder Mayak doesn’t know")).toBeVisible();
  await lead.getByLabel("Reply text").fill("Thanks {{requester.firstName}}, closing #{{ticket.id}}.");
  await lead.getByRole("button", { name: "Save macro" }).click();
  await expect(lead.getByRole("status")).toHaveText("Macro saved.");
  const shared = lead.getByRole("region", { name: "Shared macros" });
  await expect(shared.getByText(name)).toBeVisible();
  await expect(shared.getByText("Status: Solved")).toBeVisible();
  // Every agent may use it.
  const agent = await pageAs("agent");
  const list = ok(await trpcQuery<{ name: string; shared: boolean }[]>(agent.request, "macros.list"));
  expect(list.find((m) => m.name === name)?.shared).toBe(true);
});
