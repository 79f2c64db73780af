import { test, expect, createTicketViaApi, getTicketViaApi, tag } from "./helpers";

test("probe: stale status after reply", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  const subject = `Probe ${tag()}`;
  const id = await createTicketViaApi(customer.request, { subject, description: "probe probe probe" });
  const agent = await pageAs("agent");
  await agent.goto(`/inbox/${id}`);
  await agent.getByLabel("Your reply").fill("hello there");
  await agent.getByRole("button", { name: "Send reply" }).click();
  await expect(agent.getByTestId("message-reply")).toHaveCount(1);
  console.log("badges:", await agent.locator("main span.rounded-full").allTextContents());
  console.log("select status:", await agent.getByLabel("Status").inputValue());
  console.log("api status after reply:", (await getTicketViaApi(agent.request, id)).data?.status);
  await agent.getByLabel("Priority").selectOption("high");
  await agent.getByRole("button", { name: "Save" }).click();
  await expect(agent.getByRole("status")).toHaveText("Saved");
  const t = (await getTicketViaApi(agent.request, id)).data;
  console.log("api after save:", t?.status, t?.priority);
});
