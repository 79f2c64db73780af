import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, type DemoRole } from "./helpers";

/** Fails on serious and critical violations; lists the rest as annotations on the test. */
async function expectAccessible(page: Page, what: string) {
  const t0 = Date.now();
  const { violations } = await new AxeBuilder({ page }).analyze();
  console.log("AXE", what, Date.now() - t0);
  const describe = (v: (typeof violations)[number]) =>
    `${v.id} (${v.impact}) on ${what}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of violations.filter((x) => !blocking.includes(x))) {
    test.info().annotations.push({ type: "axe", description: describe(v) });
  }
  expect(blocking.map(describe)).toEqual([]);
}

const pages: { path: string; as?: DemoRole; heading: string | RegExp }[] = [
  { path: "/help", heading: "Help center" },
  { path: "/help/articles/restore-a-deleted-page-or-post", heading: "Restoring a deleted page, post or file" },
  { path: "/ru/faq", heading: "Частые вопросы" },
  { path: "/help/search?q=backup", heading: "Search" },
  { path: "/kb", as: "agent", heading: "Articles" },
  { path: "/kb/new", as: "agent", heading: "New article" },
];

for (const p of pages) {
  test(`${p.path}${p.as ? ` as ${p.as}` : ""} has no serious accessibility violations`, async ({ page, pageAs }) => {
    const target = p.as ? await pageAs(p.as) : page;
    await target.goto(p.path);
    await expect(target.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
    await expectAccessible(target, p.path);
  });
}

test("the open instant-search dropdown and an opened FAQ entry have no serious accessibility violations", async ({ page }) => {
  await page.goto("/ru/faq#shifruyutsya-li-rezervnye-kopii");
  await expect(page.locator("details#shifruyutsya-li-rezervnye-kopii")).toHaveJSProperty("open", true);
  const search = page.getByRole("combobox", { name: "Поиск по центру помощи" });
  await search.fill("резервная копия");
  await expect(page.getByRole("listbox")).toBeVisible();
  await search.press("ArrowDown");
  await expect(page.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, "/ru/faq (search open)");
});

test("the article feedback form and the ticket suggestions have no serious accessibility violations", async ({ page, pageAs }) => {
  await page.goto("/help/articles/restore-a-deleted-page-or-post");
  await page.getByRole("button", { name: "No" }).click();
  await expect(page.getByRole("group", { name: "What was wrong?" })).toBeVisible();
  await expectAccessible(page, "article feedback (No)");

  const customer = await pageAs("customer");
  await customer.goto("/tickets/new");
  await customer.getByLabel("Subject").fill("restore a deleted page from backup");
  await expect(customer.getByTestId("suggestions").getByRole("link").first()).toBeVisible();
  await expectAccessible(customer, "/tickets/new (suggestions)");
});
