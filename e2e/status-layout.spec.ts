import { test, expect } from "./helpers";
import { expectAccessible } from "./accessibility";

// The status page on a desktop and on a phone, in both languages: the uptime history readable and tappable
// (90 days on a desktop, 30 on a phone), one tab stop per component group, no horizontal scrolling, and
// nothing axe calls serious or critical.
const SIZES = [
  { name: "desktop", width: 1280, height: 800, days: 90 },
  { name: "phone", width: 390, height: 844, days: 30 },
] as const;

for (const size of SIZES) {
  for (const path of ["/status", "/ru/status"]) {
    test(`${path} at ${size.width}×${size.height}: ${size.days} days per strip, a tap shows the day, no sideways scroll, accessible`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(path);
      const strips = page.locator(".sg .uptime-strip[role=group]");
      await expect(strips.first()).toBeVisible();
      const n = await strips.count();
      expect(n).toBeGreaterThan(3);
      for (let i = 0; i < n; i++) {
        const visible = await strips.nth(i).evaluate((el) => [...el.children].filter((c) => (c as HTMLElement).offsetWidth > 0).length);
        expect(visible, `strip ${i}`).toBe(size.days);
      }
      // Each visible bar is wide enough to aim at, and the strips fit the screen.
      const bar = await strips.first().locator("[role=img]").last().boundingBox();
      expect(bar!.width).toBeGreaterThanOrEqual(size.days === 30 ? 8 : 5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

      // A tap (a click on a desktop) shows that day; the tip stays on the screen.
      await strips.first().locator("[role=img]").last().click();
      const tip = page.locator(".tip");
      await expect(tip).toBeVisible();
      const box = (await tip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await expectAccessible(page, `${path} at ${size.width}×${size.height}, a day shown`);
      await page.screenshot({ path: test.info().outputPath(`status-${size.name}${path.replace(/\//g, "-")}.png`), fullPage: false });
    });
  }
}

test("keyboard: one tab stop per component group (plus its response-time charts), not one per component", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/status");
  const groups = page.locator(".sg");
  await expect(groups.first().locator(".uptime-strip[role=group]").first()).toBeVisible();
  const components = await page.locator(".sg .sc").count();
  const stops = await page
    .locator(".sg")
    .evaluateAll((els) =>
      els.map(
        (g) =>
          [...g.querySelectorAll<HTMLElement>("a[href], button, summary, input, select, textarea, [tabindex]")].filter(
            (el) => el.tabIndex >= 0 && el.offsetWidth > 0,
          ).length,
      ),
    );
  expect(stops.length).toBe(await groups.count());
  for (const s of stops) expect(s).toBeLessThanOrEqual(2);
  expect(stops.reduce((a, b) => a + b, 0)).toBeLessThan(components);
});

test("without JavaScript the status page still shows every component, its figures and its painted history", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/status");
  const components = page.getByRole("region", { name: "Components" });
  await expect(components.getByRole("heading", { level: 4, name: "Checkout", exact: true })).toBeVisible();
  // The painted strips are pictures only (the figures carry the numbers): hidden from assistive technology.
  const painted = components.locator(".up");
  expect(await painted.count()).toBeGreaterThan(3);
  await expect(painted.first()).toHaveAttribute("style", /linear-gradient/);
  await expect(painted.first()).toHaveAttribute("aria-hidden", "true");
  expect((await painted.first().boundingBox())!.height).toBeGreaterThan(20);
  await expect(page.locator("#component-checkout dd").first()).toHaveText(/^(\d{1,3}\.\d{2}%|no data)$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
