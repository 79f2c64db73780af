import type { Page } from "@playwright/test";
import { expect } from "./helpers";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The header bar's box (without the staff alerts that may sit under it). */
export async function headerBox(page: Page): Promise<{ height: number; width: number }> {
  const box = await page.getByTestId("header-bar").boundingBox();
  expect(box, "the page has a header").not.toBeNull();
  return { height: box!.height, width: box!.width };
}

/** Nothing wider than the screen: the page never scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(client);
}
