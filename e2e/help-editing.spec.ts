import type { Page } from "@playwright/test";
import { test, expect, tag, trpcMutation } from "./helpers";

/** The h1 of the public article page as an anonymous reader sees it (a full page load each time). */
async function publicTitle(page: Page, slug: string): Promise<string> {
  await page.goto(`/help/articles/${slug}`);
  return (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
}

/**
 * The public pages are cached (ISR); saving and restoring must revalidate them. Checked softly, so that a
 * stale page is reported while the rest of the workflow (history, diff, restore) is still exercised.
 */
async function expectPublicTitle(page: Page, slug: string, title: string, after: string) {
  await expect.soft
    .poll(() => publicTitle(page, slug), {
      message: `public page of ${slug} shows the new title after ${after} (revalidated)`,
      timeout: 3_000,
    })
    .toBe(title);
  return (await page.getByRole("heading", { level: 1 }).textContent())?.trim() === title;
}

test("an agent drafts an article, a lead publishes it, edits it and restores an older revision", async ({ page, pageAs }) => {
  const t = tag();
  const slug = `e2e-${t}`;
  const title = `E2E draft article ${t}`;
  const newTitle = `E2E renamed article ${t}`;
  const heading = `Steps for ${t}`;
  const body = [
    "This article was written by an end-to-end test.",
    "",
    `## ${heading}`,
    "",
    `<script>window.__e2eInjected = "${t}"</script>`,
    "",
    "1. First step",
    "2. Second step",
  ].join("\n");

  // --- The agent writes a draft; the preview renders the heading and drops the script.
  const agent = await pageAs("agent");
  await agent.goto("/kb/new");
  await expect(agent.getByRole("heading", { level: 1, name: "New article" })).toBeVisible();
  await expect(agent.getByRole("button", { name: "Save draft" })).toBeVisible();
  await expect(agent.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);

  // The header has a "Language" switch too: the editor's fields are looked up inside the page's main area.
  const form = agent.getByRole("main");
  await form.getByLabel("Type", { exact: true }).selectOption("article");
  await form.getByLabel("Language", { exact: true }).selectOption("en");
  await form.getByLabel("Category", { exact: true }).selectOption("backups");
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel("Address (slug)", { exact: true }).fill(slug);
  await form.getByLabel("Summary", { exact: true }).fill("Written by an end-to-end test.");
  await form.getByLabel("Tags", { exact: true }).fill("e2e, testing");
  await form.getByLabel("Text (Markdown)", { exact: true }).fill(body);

  const preview = agent.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  await expect(preview.getByRole("listitem")).toHaveCount(2);
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(preview).not.toContainText("__e2eInjected");

  await agent.getByRole("button", { name: "Save draft" }).click();
  await agent.waitForURL(/\/kb\/\d+$/);
  const id = Number(/\/kb\/(\d+)$/.exec(agent.url())![1]);
  await expect(agent.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(agent.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  await expect(agent.getByRole("button", { name: "Archive" })).toHaveCount(0);

  // The API refuses an agent's publish too, not just the UI.
  const forbidden = await trpcMutation(agent.request, "kb.save", {
    id,
    kind: "article",
    locale: "en",
    title,
    slug,
    translationKey: slug,
    category: "backups",
    tags: [],
    summary: "",
    body,
    position: 100,
    status: "published",
  });
  expect(forbidden.error?.data?.code).toBe("FORBIDDEN");

  // A draft is not public (and this visit may leave a cached "Not found" that publishing must clear).
  const draftRes = await page.goto(`/help/articles/${slug}`);
  expect(draftRes?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();

  // Drafts are not searchable.
  const found = async () =>
    ((await (await page.request.get(`/api/search?q=${t}&locale=en&log=0`)).json()) as { hits: { slug: string }[] }).hits.map((h) => h.slug);
  expect(await found()).toEqual([]);

  // --- The lead publishes it.
  const lead = await pageAs("lead");
  await lead.goto(`/kb/${id}`);
  await expect(lead.getByLabel("Title", { exact: true })).toHaveValue(title);
  await lead.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(lead.getByRole("status")).toHaveText("Saved as revision 2.");

  if (await expectPublicTitle(page, slug, title, "publishing")) {
    // Only meaningful when the article itself is served (not a stale "Not found").
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    await expect(page.locator(".prose-mayak script")).toHaveCount(0);
  }
  expect(await page.content()).not.toContain("__e2eInjected");
  expect(await page.evaluate(() => (window as unknown as { __e2eInjected?: string }).__e2eInjected)).toBeUndefined();

  // The search index follows shortly (it is updated by a background job).
  await expect.poll(found, { message: "the published article becomes searchable", timeout: 10_000 }).toEqual([slug]);

  // --- The lead renames it and publishes again: the cached page follows.
  await lead.reload();
  await expect(lead.getByRole("button", { name: "Save and publish" })).toBeVisible();
  await lead.getByLabel("Title", { exact: true }).fill(newTitle);
  await lead.getByRole("button", { name: "Save and publish" }).click();
  await expect(lead.getByRole("status")).toHaveText("Saved as revision 3.");
  await expectPublicTitle(page, slug, newTitle, "editing the title");

  // --- History: three revisions; compare 1 → 3 shows the title change.
  await lead.goto(`/kb/${id}/history`);
  const revisions = lead.getByTestId("revision");
  await expect(revisions).toHaveCount(3);
  await revisions.filter({ hasText: "Revision 1" }).getByLabel("From").check();
  await revisions.filter({ hasText: "Revision 3" }).getByLabel("To").check();
  await lead.getByRole("button", { name: "Compare" }).click();
  await expect(lead).toHaveURL(/[?&]from=1(&|$)/);
  await expect(lead).toHaveURL(/[?&]to=3(&|$)/);
  await expect(lead.getByRole("heading", { name: "Changes from revision 1 to 3" })).toBeVisible();
  const titleDiff = lead.getByTestId("diff-title");
  await expect(titleDiff.locator("del")).toContainText("draft");
  await expect(titleDiff.locator("ins")).toContainText("renamed");
  await expect(lead.getByTestId("diff-status")).toContainText("published");

  // --- Restore revision 1: a fourth revision with the old title, still published.
  await revisions.filter({ hasText: "Revision 1" }).getByRole("button", { name: "Restore this revision" }).click();
  await expect(revisions).toHaveCount(4);
  await expect(revisions.first()).toContainText("Revision 4");
  await expect(revisions.first()).toContainText("Restored revision 1");
  await expect(lead.getByRole("heading", { level: 1 })).toHaveText(`History: ${title}`);

  await expectPublicTitle(page, slug, title, "restoring revision 1");
});
