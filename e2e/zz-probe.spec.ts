import AxeBuilder from "@axe-core/playwright";
import { test } from "./helpers";

for (const [path, role] of [["/", undefined], ["/inbox", "agent"], ["/admin/users", "admin"], ["/admin/audit", "admin"], ["/tickets/new", "customer"]] as const) {
  test(`axe detail ${path}`, async ({ page, pageAs }) => {
    const p = role ? await pageAs(role) : page;
    await p.goto(path);
    await p.locator("h1").first().waitFor();
    const r = await new AxeBuilder({ page: p }).analyze();
    console.log(path, "violations", r.violations.length, "passes", r.passes.length, "incomplete", r.incomplete.map((i) => `${i.id}(${i.impact}):${i.nodes.length} ${i.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`));
  });
}
