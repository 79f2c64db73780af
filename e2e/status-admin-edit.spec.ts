import type { Page } from "@playwright/test";
import { test, expect, ok, tag, trpcMutation, trpcQuery } from "./helpers";
import { expectAccessible } from "./accessibility";

/** "YYYY-MM-DDTHH:MM" in UTC, as the maintenance form's datetime-local inputs take it. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** A time as the staff pages print it. */
const printed = (ms: number) =>
  `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(ms))} UTC`;
const MINUTE = 60_000;
const DAY = 86_400_000;

async function createComponent(lead: Page, slug: string, nameEn: string): Promise<number> {
  return ok(await trpcMutation<{ id: number }>(lead.request, "status.components.create", { slug, nameEn, nameRu: `${nameEn} (ru)` })).id;
}

test("a lead edits a component, a maintenance window and deletes after confirming", async ({ page, pageAs }) => {
  test.setTimeout(120_000);
  const t = tag();
  const lead = await pageAs("lead");
  const slug = `edit-${t}`;
  const original = `Edit me ${t}`;
  const renamed = `Renamed component ${t}`;
  const componentId = await createComponent(lead, slug, original);
  const doomed = `Delete me ${t}`;
  await createComponent(lead, `delete-${t}`, doomed);
  const start = Math.floor((Date.now() + 3 * DAY) / MINUTE) * MINUTE;
  const windowTitle = `Storage migration ${t}`;
  const maintenanceId = ok(
    await trpcMutation<{ id: number }>(lead.request, "status.maintenance.schedule", {
      title: windowTitle,
      body: "Uploads may be slow.",
      startsAt: start,
      endsAt: start + 60 * MINUTE,
      componentIds: [componentId],
    }),
  ).id;

  await lead.goto("/admin/status");
  await expect(lead.getByRole("heading", { level: 1, name: "Status page setup" })).toBeVisible();

  await test.step("rename the component: the edit form shows field errors like the create form, then saves", async () => {
    const row = lead.getByTestId("component-row").filter({ hasText: `/${slug}` });
    await row.getByRole("button", { name: `Edit: ${original}` }).click();
    const panel = row.getByRole("group", { name: `Edit component “${original}”` });
    const nameField = panel.getByLabel("Name (English)", { exact: true });
    await expect(nameField, "the first field takes the focus").toBeFocused();
    await expect(nameField).toHaveValue(original);
    await expect(panel.getByLabel("Slug", { exact: true })).toHaveValue(slug);

    await nameField.fill("");
    await panel.getByRole("button", { name: "Save changes" }).click();
    await expect(nameField).toHaveAttribute("aria-invalid", "true");
    await expect(panel.getByRole("alert")).toHaveText("Enter a name");
    await expect(nameField, "the focus goes to the refused field").toBeFocused();
    await expectAccessible(lead, "/admin/status (edit panel with a field error)");

    await nameField.fill(renamed);
    await panel.getByLabel("Description (English)", { exact: true }).fill("Where renamed things live.");
    await panel.getByRole("button", { name: "Save changes" }).click();
    await expect(panel).toHaveCount(0);
    await expect(row).toContainText(renamed);
    await expect(row.getByRole("button", { name: `Edit: ${renamed}` }), "the focus returns to the Edit button").toBeFocused();
  });

  await test.step("the new name is on the public status page", async () => {
    await expect(async () => {
      await page.goto("/status");
      await expect(page.locator(`#component-${slug}`)).toContainText(renamed, { timeout: 1_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  });

  await test.step("the change is in the audit trail, before and after", async () => {
    await lead.goto(`/admin/audit?entityType=status_component&entityId=${componentId}&action=component.updated`);
    const event = lead.getByTestId("audit-row").first();
    await expect(event).toContainText("component.updated");
    await expect(event).toContainText(original);
    await expect(event).toContainText(renamed);
  });

  const newStart = start + DAY + 90 * MINUTE;
  await test.step("move the maintenance window: the end before the start is refused on its field, then it saves", async () => {
    await lead.goto("/admin/status");
    const row = lead.getByTestId("maintenance-row").filter({ hasText: windowTitle });
    await expect(row).toContainText(printed(start));
    await row.getByRole("button", { name: `Edit: ${windowTitle}` }).click();
    const panel = row.getByRole("group", { name: `Edit maintenance “${windowTitle}”` });
    await expect(panel.getByLabel("Starts (UTC)", { exact: true })).toHaveValue(utcInput(start));
    await expect(panel.getByRole("checkbox", { name: renamed })).toBeChecked();
    await panel.getByLabel("Starts (UTC)", { exact: true }).fill(utcInput(newStart));
    await panel.getByLabel("Ends (UTC)", { exact: true }).fill(utcInput(newStart - 30 * MINUTE));
    await panel.getByRole("button", { name: "Save changes" }).click();
    await expect(panel.getByLabel("Ends (UTC)", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(panel.getByText("The window must end after it starts")).toBeVisible();
    await expect(panel.getByLabel("Ends (UTC)", { exact: true })).toBeFocused();

    await panel.getByLabel("Ends (UTC)", { exact: true }).fill(utcInput(newStart + 2 * 60 * MINUTE));
    await panel.getByRole("button", { name: "Save changes" }).click();
    await expect(panel).toHaveCount(0);
    await expect(row).toContainText(printed(newStart));
    await expect(row).toContainText(printed(newStart + 2 * 60 * MINUTE));
    const list = ok(
      await trpcQuery<{ current: { id: number; startsAt: number; endsAt: number }[] }>(lead.request, "status.maintenance.list"),
    );
    expect(list.current.find((m) => m.id === maintenanceId)).toMatchObject({ startsAt: newStart, endsAt: newStart + 2 * 60 * MINUTE });
  });

  await test.step("delete asks first: Cancel keeps the component, Delete removes it", async () => {
    const row = lead.getByTestId("component-row").filter({ hasText: doomed });
    const trigger = row.getByRole("button", { name: `Delete: ${doomed}` });
    await trigger.click();
    const dialog = lead.getByRole("dialog", { name: `Delete the component “${doomed}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" }), "the safe choice has the focus").toBeFocused();
    await expectAccessible(lead, "/admin/status (delete confirmation open)");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(trigger).toBeFocused();
    await expect(row).toHaveCount(1);

    await trigger.press("Enter");
    await expect(dialog).toBeVisible();
    await lead.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveCount(1);

    await trigger.click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(row).toHaveCount(0);
    const { components } = ok(await trpcQuery<{ components: { nameEn: string }[] }>(lead.request, "status.components.list"));
    expect(components.map((c) => c.nameEn)).not.toContain(doomed);
  });

  await test.step("cancelling the maintenance window asks first too", async () => {
    const row = lead.getByTestId("maintenance-row").filter({ hasText: windowTitle });
    await row.getByRole("button", { name: `Cancel window: ${windowTitle}` }).click();
    const dialog = lead.getByRole("dialog", { name: `Cancel the maintenance “${windowTitle}”?` });
    await dialog.getByRole("button", { name: "Keep it" }).click();
    await expect(row).toHaveCount(1);
    await row.getByRole("button", { name: `Cancel window: ${windowTitle}` }).click();
    await dialog.getByRole("button", { name: "Cancel window" }).click();
    await expect(row).toHaveCount(0);
  });
});

test("the staff pages read well in Russian with an edit panel open", async ({ pageAs }) => {
  const lead = await pageAs("lead");
  await lead.goto("/ru/admin/status");
  await expect(lead.getByRole("heading", { level: 1, name: "Настройка страницы статуса" })).toBeVisible();
  const row = lead.getByTestId("component-row").first();
  await row.getByRole("button", { name: /^Изменить: / }).click();
  await expect(row.getByRole("group", { name: /^Изменение компонента/ })).toBeVisible();
  await expect(row.getByRole("button", { name: "Сохранить изменения" })).toBeVisible();
  await expectAccessible(lead, "/ru/admin/status (edit panel open)");
  await lead.keyboard.press("Escape");
  await expect(row.getByRole("group")).toHaveCount(0);
});

test("a monitor is deleted only after confirming", async ({ pageAs }) => {
  const t = tag();
  const lead = await pageAs("lead");
  const name = `Doomed heartbeat ${t}`;
  const id = ok(await trpcMutation<{ id: number }>(lead.request, "monitors.create", { kind: "heartbeat", name, intervalS: 60 })).id;
  await lead.goto(`/admin/monitors/${id}`);
  await lead.getByRole("main").getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = lead.getByRole("dialog", { name: `Delete the monitor “${name}”?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(lead, "/admin/monitors/:id (delete confirmation open)");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(lead.getByRole("heading", { level: 1, name })).toBeVisible();
  await lead.getByRole("main").getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await lead.waitForURL(/\/admin\/monitors$/);
  await expect(lead.getByRole("main").getByRole("link", { name })).toHaveCount(0);
});

test("the postmortem editor previews the Markdown as the public page will render it", async ({ pageAs }) => {
  const t = tag();
  const lead = await pageAs("lead");
  const incidentId = ok(
    await trpcMutation<{ id: number }>(lead.request, "status.incidents.open", {
      title: `Preview check ${t}`,
      impact: "none",
      body: "Checking the postmortem preview.",
    }),
  ).id;
  try {
    await lead.goto(`/incidents/${incidentId}`);
    const editor = lead.getByRole("form", { name: "Postmortem" });
    const preview = editor.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { level: 2, name: "Summary" }), "the template is rendered from the start").toBeVisible();

    await editor
      .getByLabel("Text", { exact: true })
      .fill(
        `## Root cause ${t}\n\nA **faulty** deploy.\n\n- rolled back\n- added a check\n\n<script>window.__pmInjected = 1</script>\n\n[help](/help/billing)`,
      );
    await expect(preview.getByRole("heading", { level: 2, name: `Root cause ${t}` })).toBeVisible();
    await expect(preview.getByRole("listitem")).toHaveCount(2);
    await expect(preview.locator("strong")).toHaveText("faulty");
    await expect(preview.locator("script")).toHaveCount(0);
    await expect(preview).not.toContainText("__pmInjected");
    expect(await lead.evaluate(() => (window as { __pmInjected?: number }).__pmInjected)).toBeUndefined();
    await expectAccessible(lead, "/incidents/:id (postmortem preview)");
  } finally {
    ok(await trpcMutation(lead.request, "status.incidents.resolve", { incidentId, body: "Preview checked." }));
  }
});
