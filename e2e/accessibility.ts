import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, type DemoRole } from "./helpers";

/**
 * The status page's day bars are one element repeated 90 times per component: axe checks the first of each strip
 * and skips the copies, which otherwise take four fifths of its time on that page (12 s against 2.5 s).
 */
const REPEATED = ".uptime-strip [role=img]:not(:first-child)";

/** Fails on serious and critical violations; lists the rest as annotations on the test. */
export async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).exclude(REPEATED).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.id} (${v.impact}) on ${what}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of violations.filter((x) => !blocking.includes(x))) {
    test.info().annotations.push({ type: "axe", description: describe(v) });
  }
  expect(blocking.map(describe)).toEqual([]);
}

export interface PageToCheck {
  path: string;
  /** Signed in as this demo role; anonymous without. */
  as?: DemoRole;
  /** The page's h1, to know it is the page meant before axe looks at it. */
  heading: string | RegExp;
  /** Brings the page to a state that shows its interactive parts (an open form, a list). */
  prepare?: (page: Page) => Promise<void>;
}

/** One test per page: open it (signed in if asked), check its heading, prepare it, run axe. */
export function checkPagesAccessible(pages: PageToCheck[]) {
  for (const p of pages) {
    test(`${p.path}${p.as ? ` as ${p.as}` : ""} has no serious accessibility violations`, async ({ page, pageAs }) => {
      const target = p.as ? await pageAs(p.as) : page;
      await target.goto(p.path);
      await expect(target.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
      await p.prepare?.(target);
      await expectAccessible(target, p.path);
    });
  }
}
