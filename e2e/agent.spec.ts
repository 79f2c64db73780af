import { test, expect, DEMO, createTicketViaApi, getTicketViaApi, ok, tag, trpcMutation } from "./helpers";

test("agent replies, notes and updates a ticket; the customer sees only the reply; admin sees email and audit", async ({ pageAs }) => {
  const id = tag();
  const subject = `Invoice PDF is blank ${id}`;
  const replyText = `Thanks, we are looking into the PDF renderer ${id}`;
  const noteText = `Internal: probably the font cache again ${id}`;

  const customer = await pageAs("customer");
  const ticketId = await createTicketViaApi(customer.request, {
    subject,
    description: "Downloading any invoice as PDF gives an empty page.",
    priority: "normal",
  });

  const agent = await pageAs("agent");
  const agentName = await test.step("open the ticket from the inbox", async () => {
    await agent.goto("/inbox?sort=created");
    await expect(agent.getByRole("heading", { level: 1, name: "Open" })).toBeVisible();
    await agent.getByRole("link", { name: subject }).click();
    await agent.waitForURL(`**/inbox/${ticketId}`);
    await expect(agent.getByTestId("ticket-subject")).toHaveText(subject);
    return (await agent.getByTestId("whoami").textContent())!.split(" · ")[0]!;
  });

  await test.step("reply publicly", async () => {
    await expect(agent.getByRole("radio", { name: "Public reply" })).toBeChecked();
    await agent.getByLabel("Your reply").fill(replyText);
    await agent.getByRole("button", { name: "Send reply" }).click();
    await expect(agent.getByTestId("message-reply").filter({ hasText: replyText })).toBeVisible();
  });

  await test.step("add an internal note", async () => {
    await agent.getByRole("radio", { name: "Internal note" }).check();
    await expect(agent.getByText("Only staff can see internal notes.")).toBeVisible();
    // "@" and the first letters of a name offer the colleague; Enter writes their handle.
    const box = agent.getByLabel("Your reply");
    await box.pressSequentially(`FYI @${agentName.slice(0, 3)}`);
    const people = agent.getByRole("listbox", { name: "People to mention" });
    await expect(people.getByRole("option", { name: agentName })).toBeVisible();
    await box.press("Enter");
    await expect(box).toHaveValue(`FYI @${agentName.replace(/\s+/g, "")} `);
    await expect(people).toBeHidden();
    await box.fill(noteText);
    await agent.getByRole("button", { name: "Add internal note" }).click();
    const note = agent.getByTestId("message-note").filter({ hasText: noteText });
    await expect(note).toBeVisible();
    await expect(note.getByText("Internal note", { exact: true })).toBeVisible();
  });

  await test.step("change status, priority and assignee and see them saved", async () => {
    // The agent's public reply opened the ticket. Reload first: the form keeps the status it was rendered with
    // (see the known-bug test below).
    await agent.reload();
    await expect(agent.getByLabel("Status")).toHaveValue("open");
    await agent.getByLabel("Status").selectOption("pending");
    await agent.getByLabel("Priority").selectOption("high");
    await agent.getByLabel("Assignee").selectOption({ label: agentName });
    await agent.getByRole("button", { name: "Save" }).click();
    await expect(agent.getByRole("status")).toHaveText("Saved");

    await agent.reload();
    await expect(agent.getByLabel("Status")).toHaveValue("pending");
    await expect(agent.getByLabel("Priority")).toHaveValue("high");
    await expect(agent.getByLabel("Assignee").locator("option:checked")).toHaveText(agentName);

    await agent.goto("/inbox?view=mine&sort=created");
    const row = agent.getByTestId("ticket-row").filter({ hasText: subject });
    // The first cell holds the row's checkbox for bulk changes; the SLA clock comes after the priority.
    await expect(row.getByRole("cell").nth(3)).toHaveText("Pending");
    await expect(row.getByRole("cell").nth(4)).toHaveText("High");
    await expect(row.getByRole("cell").nth(7)).toHaveText(agentName);
  });

  await test.step("the customer sees the public reply but not the internal note", async () => {
    await customer.goto(`/tickets/${ticketId}`);
    await expect(customer.getByTestId("ticket-subject")).toHaveText(subject);
    await expect(customer.getByTestId("message-reply").filter({ hasText: replyText })).toBeVisible();
    await expect(customer.getByText(`${agentName} · Support team`)).toBeVisible();
    await expect(customer.getByTestId("message-note")).toHaveCount(0);
    await expect(customer.getByText(noteText)).toHaveCount(0);
    expect(await customer.content()).not.toContain(noteText);
  });

  const admin = await pageAs("admin");
  await test.step("admin finds the reply email in the outbox", async () => {
    await admin.goto("/admin/outbox");
    const email = admin.getByTestId("outbox-email").filter({ hasText: `[#${ticketId}] ${subject}` });
    await expect(email).toHaveCount(1);
    await expect(email).toContainText(`To: ${DEMO.customer.email}`);
    await email.getByText(`[#${ticketId}] ${subject}`).click();
    await expect(email.getByText(replyText)).toBeVisible();
    await expect(email).not.toContainText(noteText);
  });

  await test.step("admin finds the events in the audit trail", async () => {
    await admin.goto("/admin/audit");
    await admin.getByLabel("Action").fill("ticket.replied");
    await admin.getByLabel("Entity id").fill(String(ticketId));
    await admin.getByRole("button", { name: "Filter" }).click();
    await admin.waitForURL(/action=ticket\.replied/);
    const rows = admin.getByTestId("audit-row");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(DEMO.agent.email);
    await expect(rows).toContainText(`ticket:${ticketId}`);

    const expected: [string, string][] = [
      ["ticket.note_added", "messageId"],
      ["ticket.status_changed", '"status":"pending"'],
      ["ticket.priority_changed", '"priority":"high"'],
      ["ticket.assigned", '"assigneeId":'],
    ];
    for (const [action, change] of expected) {
      await admin.goto(`/admin/audit?action=${action}&entityType=ticket&entityId=${ticketId}`);
      await expect(rows, action).toHaveCount(1);
      await expect(rows.getByRole("cell").nth(2)).toHaveText(action);
      await expect(rows.getByRole("cell").nth(4)).toContainText(change);
    }
  });
});

test("after a reply, saving the properties form keeps the status the reply set", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const ticketId = await createTicketViaApi(customer.request, {
    subject: `Stale form ${tag()}`,
    description: "The status select goes stale.",
  });

  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${ticketId}`);
  await agent.getByLabel("Your reply").fill("Looking into it.");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByTestId("message-reply")).toHaveCount(1);
  expect((await getTicketViaApi(agent.request, ticketId)).data?.status).toBe("open");

  // Change only the priority.
  await agent.getByLabel("Priority").selectOption("high");
  await agent.getByRole("button", { name: "Save" }).click();
  await expect(agent.getByRole("status")).toHaveText("Saved");
  const saved = (await getTicketViaApi(agent.request, ticketId)).data;
  expect(saved?.priority).toBe("high");
  expect(saved?.status).toBe("open");
});

test("a choice not yet saved survives the page's background refresh; untouched fields follow the server", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const ticketId = await createTicketViaApi(customer.request, { subject: `Unsaved choice ${tag()}`, description: "Keep my choice." });

  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${ticketId}`);
  await agent.getByLabel("Status").selectOption("pending");
  // Someone else raises the priority meanwhile: the page sees the ticket move and refreshes itself.
  ok(await trpcMutation(agent.request, "inbox.update", { ticketId, priority: "urgent" }));
  await expect(agent.getByLabel("Priority")).toHaveValue("urgent", { timeout: 15_000 });
  await expect(agent.getByLabel("Status")).toHaveValue("pending");
  await agent.getByRole("button", { name: "Save" }).click();
  await expect(agent.getByRole("status")).toHaveText("Saved");
  const saved = (await getTicketViaApi(agent.request, ticketId)).data;
  expect(saved).toMatchObject({ status: "pending", priority: "urgent" });
});
