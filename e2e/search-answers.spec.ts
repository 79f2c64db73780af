import { test, expect } from "./helpers";

test("a question on the results page shows the answering sentences of the first hit, highlighted", async ({ page }) => {
  await page.goto(`/help/search?q=${encodeURIComponent("are my backups encrypted?")}`);
  const first = page.getByTestId("search-hit").first();
  await expect(first.getByRole("link")).toHaveText("Are my backups encrypted, and where are they stored?");
  const answer = first.getByTestId("search-answer");
  await expect(answer).toContainText("Answer from this article");
  await expect(answer).toContainText("AES-256");
  await expect(answer.locator("mark", { hasText: "encrypted" })).toBeVisible();
  // Only the first hit answers; the others keep their snippet.
  await expect(page.getByTestId("search-answer")).toHaveCount(1);

  await page.goto(`/ru/help/search?q=${encodeURIComponent("сколько хранятся бэкапы")}`);
  await expect(page.getByTestId("search-answer")).toContainText("30 дней");
  await expect(page.getByTestId("search-answer")).toContainText("Ответ из этой статьи");
});

test("customers' words find the article: synonyms, verb forms and a Latin spelling of Russian", async ({ page }) => {
  await page.goto(`/ru/help/search?q=${encodeURIComponent("сайт взломали")}`);
  await expect(page.getByTestId("search-hit").first().getByRole("link")).toHaveText("Подозреваете взлом сайта: что делать прямо сейчас");
  await page.goto("/ru/help/search?q=vzlom");
  await expect(page.getByTestId("search-hit").first().getByRole("link")).toHaveText("Подозреваете взлом сайта: что делать прямо сейчас");
  await page.goto(`/help/search?q=${encodeURIComponent("pages load really slowly")}`);
  await expect(page.getByTestId("search-hit").first().getByRole("link")).toHaveText("The site is slow? What to collect before you report");
});

test("a Russian query on the English help center offers the Russian one, and the reverse", async ({ page }) => {
  await page.goto(`/help/search?q=${encodeURIComponent("сайт не работает")}`);
  const offer = page.getByTestId("other-locale");
  await expect(offer).toContainText("Search the Russian help center");
  await offer.getByRole("link", { name: "Search in Russian" }).click();
  await expect(page).toHaveURL(/\/ru\/help\/search\?q=/);
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
  await expect(page.getByTestId("other-locale")).toHaveCount(0);

  await page.goto("/ru/help/search?q=zzqx%20frobnicate");
  await expect(page.getByTestId("other-locale").getByRole("link", { name: "Искать на английском" })).toHaveAttribute(
    "href",
    "/help/search?q=zzqx+frobnicate",
  );
});

test("GET /api/search gives the answering passage for a question, and on request for a ticket's text", async ({ request }) => {
  const q = await (await request.get(`/api/search?q=${encodeURIComponent("how long do you keep backups")}&locale=en&log=0`)).json();
  expect(q.hits[0].slug).toBe("how-long-do-you-keep-backups");
  expect(q.hits[0].answerHtml).toMatch(/<mark>backups<\/mark>/);
  expect(q.hits.slice(1).every((h: { answerHtml?: string }) => h.answerHtml === undefined)).toBe(true);
  const plain = await (await request.get("/api/search?q=backup&locale=en&log=0")).json();
  expect(plain.hits[0].answerHtml).toBeUndefined();
  const ticket = await (
    await request.get(`/api/search?q=${encodeURIComponent("our shop was hacked last night")}&locale=en&log=0&answer=1`)
  ).json();
  expect(ticket.hits[0].slug).toBe("suspected-security-breach");
  expect(ticket.hits[0].answerHtml).toMatch(/<mark>/);
});

test("a lead adds a synonym group in the KB admin and the search uses it at once", async ({ pageAs, request }) => {
  const page = await pageAs("lead");
  await page.goto("/kb/synonyms?lang=en");
  await expect(page.getByRole("heading", { level: 1, name: "Search synonyms" })).toBeVisible();
  const before = await (await request.get("/api/search?q=wombat&locale=en&log=0")).json();
  expect(before.total).toBe(0);
  await page.getByLabel("Add group").fill("wombat, encrypted");
  await page.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByRole("list", { name: "Search synonyms" }).getByText("Added by your team")).toBeVisible();
  const after = await (await request.get("/api/search?q=wombat&locale=en&log=0")).json();
  expect(after.hits[0].slug).toBe("are-backups-encrypted");

  // Deleting it takes it out of the search again.
  const group = page.getByRole("listitem").filter({ hasText: "Added by your team" });
  await group.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Added by your team")).toHaveCount(0);
  expect((await (await request.get("/api/search?q=wombat&locale=en&log=0")).json()).total).toBe(0);
});

test("while a ticket is typed, the first suggestion shows the sentences that answer it", async ({ pageAs }) => {
  const customer = await pageAs("customer");
  await customer.goto("/tickets/new");
  await customer.getByLabel("Subject").fill("how long do you keep backups");
  const suggestions = customer.getByTestId("suggestions");
  await expect(suggestions.getByRole("link").first()).toHaveText("How long do you keep backups?");
  const answer = suggestions.getByTestId("suggestion-answer");
  await expect(answer).toHaveCount(1);
  await expect(answer).toContainText("30 days");
  await expect(answer.locator("mark").first()).toBeVisible();
});
