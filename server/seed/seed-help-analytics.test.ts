import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { systemCtx } from "../context";
import { readContentDir } from "../kb/content-files";
import { syncContent } from "../kb/sync-content";
import { findKbAnalytics } from "../kb/find-analytics";
import { seedHelpAnalyticsDemo } from "./seed-help-analytics";

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

describeEachDialect("help-center analytics demo", (use) => {
  // The engine is not under test here: a query about infrastructure we do not host finds nothing.
  const countResults = async (q: string) => (/terraform|kubernetes|1с|юрлица/.test(q) ? 0 : 6);

  it("fills every list of the analytics page from the real help-center content, once", async () => {
    const db = use();
    const { files } = await readContentDir("content");
    await syncContent(
      db,
      systemCtx(() => NOW - 40 * 86_400_000),
      files,
    );
    await seedHelpAnalyticsDemo(db, { now: NOW, countResults });

    const a = await findKbAnalytics(db, NOW);
    expect(a.topQueries[0]).toMatchObject({ query: "reset password", locale: "en", count: 38, avgResults: 6 });
    expect(a.topQueries.map((q) => q.query)).toContain("восстановить пароль");
    expect(a.noResults.map((q) => q.query).sort()).toEqual(
      ["kubernetes ingress", "terraform provider", "выгрузка в 1с", "счёт для юрлица"].sort(),
    );
    expect(a.ticketAfter[0]).toMatchObject({ query: "email not delivered", count: 5 });
    expect(a.articles.length).toBeGreaterThan(40);
    expect(a.articles.some((x) => x.notHelpful > 0 && Object.keys(x.reasons).length > 0)).toBe(true);
    expect(a.recentComments.length).toBeGreaterThan(0);
    expect(a.deflection.opened).toBeGreaterThan(30);
    expect(a.deflection.deflected).toBeGreaterThan(0);

    const before = await db
      .selectFrom("kb_search_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await seedHelpAnalyticsDemo(db, { now: NOW, countResults });
    const after = await db
      .selectFrom("kb_search_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
