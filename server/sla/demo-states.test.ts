import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { seedDemo } from "../seed/seed-demo";
import { readSlaCounts } from "../inbox/counts";

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

describeEachDialect("demo SLA data", (use) => {
  it("has two calendars, three policies and tickets in every SLA state", async () => {
    const db = use();
    await seedDemo(db, { now: NOW, appUrl: "https://support.example.com" });
    expect((await db.selectFrom("sla_calendars").select("id").execute()).length).toBe(2);
    expect((await db.selectFrom("sla_policies").select("id").execute()).length).toBe(3);
    const counts = await readSlaCounts(db, NOW);
    expect(counts.due_soon.count, "due soon").toBeGreaterThan(0);
    expect(counts.breached.count, "breached").toBeGreaterThan(0);
    expect((await db.selectFrom("tickets").select("id").where("sla_paused", "=", 1).execute()).length, "paused").toBeGreaterThan(0);
    const results = await db.selectFrom("sla_results").select(["met"]).execute();
    expect(results.filter((r) => r.met === 1).length, "met").toBeGreaterThan(0);
    expect(results.filter((r) => r.met === 0).length, "met late").toBeGreaterThan(0);
  });
});
