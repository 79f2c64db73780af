import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./helpers";

/** Fails on serious and critical violations; lists the rest as annotations on the test. */
export async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.id} (${v.impact}) on ${what}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`;
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of violations.filter((x) => !blocking.includes(x))) {
    test.info().annotations.push({ type: "axe", description: describe(v) });
  }
  expect(blocking.map(describe)).toEqual([]);
}
