import { test, expect, tag } from "./helpers";

const HELPFUL = { slug: "what-we-back-up" };
const UNHELPFUL = { slug: "how-long-a-restore-takes" };

test("readers rate articles and a lead sees the ratings and comments", async ({ page, pageAs }) => {
  const comment = `The e2e reader wanted more detail (${tag()})`;

  // An anonymous "yes" is one click.
  await page.goto(`/help/articles/${HELPFUL.slug}`);
  const feedback = page.getByRole("region", { name: "Was this article helpful?" });
  await feedback.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you for your feedback.");
  await expect(feedback).toHaveCount(0);

  // A "no" asks why, with an optional comment.
  await page.goto(`/help/articles/${UNHELPFUL.slug}`);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.getByRole("region", { name: "Was this article helpful?" }).getByRole("button", { name: "No" }).click();
  const why = page.getByRole("group", { name: "What was wrong?" });
  await expect(why.getByRole("radio", { name: "It is hard to understand" })).toBeChecked();
  await why.getByRole("radio", { name: "Something is missing" }).check();
  await page.getByLabel("Tell us more").fill(comment);
  const sent = page.waitForResponse((r) => r.url().includes("/api/trpc/kb.feedback") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Send" }).click();
  expect((await sent).status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText("Thank you for your feedback.");

  // The lead's analytics: the article with at least one "not helpful", the reason and the comment.
  const lead = await pageAs("lead");
  await lead.goto("/kb/analytics");
  await expect(lead.getByRole("heading", { level: 1, name: "Help center analytics" })).toBeVisible();
  const table = lead.getByRole("table", { name: "Article helpfulness" });
  const headers = await table.getByRole("columnheader").allInnerTexts();
  const notHelpfulCol = headers.findIndex((h) => h.trim() === "Not helpful");
  expect(notHelpfulCol, `columns: ${headers.join(" | ")}`).toBeGreaterThan(0);
  const row = table.getByRole("row").filter({ has: lead.getByRole("link", { name: title, exact: true }) });
  await expect(row).toHaveCount(1);
  const notHelpful = Number(await row.getByRole("cell").nth(notHelpfulCol).innerText());
  expect(notHelpful).toBeGreaterThanOrEqual(1);
  await expect(row).toContainText("Something is missing: ");

  const comments = lead.getByRole("heading", { level: 2, name: "Recent comments" }).locator("xpath=..");
  const item = comments.getByRole("listitem").filter({ hasText: comment });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(title);
  await expect(item).toContainText("Something is missing");
});

test("suggestions while filing a ticket open in a new tab and feed the deflection figure", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  await customer.goto("/tickets/new");
  await expect(customer.getByRole("heading", { level: 1, name: "File a ticket" })).toBeVisible();
  await customer.getByLabel("Subject").fill("restore a deleted page from backup");

  const suggestions = customer.getByTestId("suggestions");
  await expect(suggestions.getByRole("heading", { name: "These articles may answer your question" })).toBeVisible();
  const links = suggestions.getByRole("link");
  await expect(links.first()).toBeVisible();
  expect(await links.count()).toBeLessThanOrEqual(4);
  await expect(suggestions.getByRole("link", { name: "Restoring a deleted page, post or file" })).toBeVisible();

  const first = links.first();
  const title = (await first.innerText()).trim();
  await expect(first).toHaveAttribute("target", "_blank");
  const recorded = customer.waitForResponse((r) => r.url().includes("/api/trpc/kb.suggestionOpened"));
  const popupPromise = customer.waitForEvent("popup");
  await first.click();
  const popup = await popupPromise;
  expect((await recorded).status()).toBe(200);
  await expect(popup).toHaveURL(/\/help\/articles\/[a-z0-9-]+$/);
  await expect(popup.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The ticket being written stays where it was.
  await expect(customer).toHaveURL(/\/tickets\/new$/);
  await expect(customer.getByLabel("Subject")).toHaveValue("restore a deleted page from backup");
  await popup.close();

  // The lead sees the deflection line. A visit counts only once an hour has passed without a ticket,
  // so the figure itself cannot include this visit yet.
  const lead = await pageAs("lead");
  await lead.goto("/kb/analytics");
  await expect(lead.getByRole("heading", { level: 2, name: "Deflection" })).toBeVisible();
  await expect(lead.getByTestId("deflection")).toHaveText(
    /^\d+ suggested articles opened while writing a ticket; \d+ of those visitors did not file one \((\d+%|—)\)\.$/,
  );
});
