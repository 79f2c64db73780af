import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { seedDemo } from "../seed/seed-demo";

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

describeEachDialect("the demo's merged duplicate and ratings", (use) => {
  it("merges Dana's second password-reset ticket into the first and leaves good and bad ratings", async () => {
    const db = use();
    await seedDemo(db, { now: NOW, appUrl: "https://support.example.com" });
    const links = await db
      .selectFrom("ticket_links as l")
      .innerJoin("tickets as t", "t.id", "l.other_id")
      .select(["l.kind", "t.subject"])
      .execute();
    expect(links).toEqual([{ kind: "merged_into", subject: "Customers don't receive password reset emails" }]);
    const ratings = await db.selectFrom("ticket_ratings").select("rating").where("rating", "is not", null).execute();
    expect(new Set(ratings.map((r) => r.rating))).toEqual(new Set(["good", "bad"]));
  });
});
