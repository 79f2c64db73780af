import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeLead } from "@/tests/factories";
import { seedStatusDemo } from "./seed-status";
import { DEMO_COMPONENTS, DEMO_INCIDENTS } from "./demo-data";
import { getStatusPage } from "../status/get-status-page";
import { getPublicIncident } from "../status/find-incidents";
import { DAY } from "@/lib/status/uptime";

const NOW = Date.UTC(2026, 10, 27, 9, 30, 0); // a Friday

describeEachDialect("status demo seed", (use) => {
  it("seeds components, monitors, history, incidents and maintenance once", async () => {
    const db = use();
    await makeLead(db);
    await seedStatusDemo(db, { now: NOW });
    await seedStatusDemo(db, { now: NOW }); // a second call changes nothing
    const count = async (table: "status_groups" | "status_components" | "monitors" | "incidents" | "maintenances") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("status_groups")).toBe(2);
    expect(await count("status_components")).toBe(DEMO_COMPONENTS.length);
    expect(await count("incidents")).toBe(DEMO_INCIDENTS.length);
    expect(await count("maintenances")).toBe(2);
    const monitors = await db.selectFrom("monitors").select(["kind", "enabled", "target"]).execute();
    expect(monitors.filter((m) => m.kind === "http").every((m) => m.enabled === 1 && /^https?:\/\/.+\//.test(m.target))).toBe(true);
    expect(
      monitors
        .filter((m) => m.kind !== "http")
        .map((m) => [m.kind, m.enabled])
        .sort(),
    ).toEqual([
      ["heartbeat", 0],
      ["tcp", 0],
    ]);
  });

  it("shows 99.9x% uptime with the bad days matching the incidents", async () => {
    const page = await getStatusPage(use(), { now: NOW, locale: "en" });
    expect(page.overall).toBe("operational");
    const all = page.groups.flatMap((g) => g.components);
    expect(page.groups.map((g) => g.name)).toEqual(["Website", "Services"]);
    for (const c of all) {
      expect(c.monitored).toBe(true);
      expect(c.days).toHaveLength(90);
      expect(c.uptime["90d"]).toBeGreaterThan(99.5);
      expect(c.uptime["90d"]).toBeLessThan(100);
    }
    const checkout = all.find((c) => c.slug === "checkout")!;
    const bad = checkout.days.find((d) => d.day === Date.UTC(2026, 10, 27) - 62 * DAY)!;
    expect(bad.uptime).toBeLessThan(97.5);
    expect(bad.incidents.map((i) => i.title)).toEqual(["Checkout errors after a payment provider outage"]);
    // Declared by staff with the checks passing: shown on the bar, not taken off the uptime.
    const email = all.find((c) => c.slug === "email")!;
    const declared = email.days.find((d) => d.incidents.length > 0)!;
    expect(declared.uptime).toBeGreaterThan(99.8);
    expect(declared.level).toBe("minor");
    const website = all.find((c) => c.slug === "website")!;
    expect(website.latency24h.filter((p) => p.avgMs !== null).length).toBeGreaterThanOrEqual(23);
    expect(page.maintenance).toHaveLength(1);
    const next = page.maintenance[0];
    expect(next.startsAt - NOW).toBeGreaterThanOrEqual(3 * DAY);
    // 02:00 Moscow time on a Tuesday or Thursday.
    expect(new Date(next.startsAt).getUTCHours()).toBe(23);
    expect([1, 3]).toContain(new Date(next.startsAt).getUTCDay());
    expect(page.history.items.map((i) => i.title)).toContain("Website and API unavailable");
  });

  it("publishes exactly one postmortem and keeps the draft hidden", async () => {
    const db = use();
    const rows = await db.selectFrom("incidents").select(["id", "title"]).execute();
    const shown = await Promise.all(rows.map((r) => getPublicIncident(db, Number(r.id), "ru")));
    const withPostmortem = shown.filter((i) => i && "postmortem" in i && i.postmortem);
    expect(withPostmortem).toHaveLength(1);
    for (const i of shown) {
      if (!i || "mergedInto" in i) throw new Error("unexpected");
      expect(i.updates.map((u) => u.status).reverse()).toEqual(["investigating", "identified", "monitoring", "resolved"]);
      expect(i.components.length).toBeGreaterThan(0);
    }
    expect(shown.find((i) => i && "title" in i && i.title === "Website and API unavailable")).toMatchObject({ postmortem: null });
  });
});
