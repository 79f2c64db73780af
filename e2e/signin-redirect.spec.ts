import { test, expect, DEMO } from "./helpers";

// Signing in sends the browser to callbackUrl: one that points off the site must land on this site instead.
// Two sign-ins through the form (sign-in is rate limited per address); the full list of bypasses is
// lib/safe-callback-path.test.ts.
for (const callbackUrl of ["/%5Cevil.example/x", "/%09/evil.example"]) {
  test(`signing in with callbackUrl=${callbackUrl} stays on the site`, async ({ page, baseURL }) => {
    const site = new URL(baseURL!).host;
    const offSite: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).host !== site) offSite.push(req.url());
    });
    await page.goto(`/signin?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(DEMO.customer.email);
    await page.getByLabel("Password").fill(DEMO.customer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/signin"));
    expect(new URL(page.url()).host).toBe(site);
    expect(offSite).toEqual([]);
  });
}

// Without a page to return to, staff land in their inbox (issue: "staff land in the inbox after signing in").
test("an agent signing in without a page to return to lands in the inbox", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.agent.email);
  await page.getByLabel("Password").fill(DEMO.agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/inbox");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
