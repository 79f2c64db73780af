import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-chain";
import { adminCtxOnManualClock } from "./test-ctx";

describeEachDialect("audit chain", (use) => {
  const { ctx, clock } = adminCtxOnManualClock();

  it("chains events and verifies an untouched trail", async () => {
    const db = use();
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, ctx, { action: "test.event", entityType: "thing", entityId: i, before: { n: i }, after: { n: i + 1 } }),
        );
    }
    const report = await verifyAuditChain(db);
    expect(report).toEqual({ checked: 5, ok: true, problems: [], redacted: 0, startsAfter: null });
  });

  // Ten transactions at once through the pool: they interleave on MariaDB/MySQL; SQLite runs them one by one.
  it("keeps appending in order under concurrent writers (proved on MariaDB only: SQLite has one writer)", async () => {
    const db = use();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute((trx) => recordAudit(trx, ctx, { action: "test.concurrent", entityType: "thing", entityId: i })),
      ),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("detects an edited row", async () => {
    const db = use();
    const row = await db.selectFrom("audit_events").select("id").orderBy("id").limit(1).offset(2).executeTakeFirstOrThrow();
    await db.updateTable("audit_events").set({ after_json: '{"n":999}' }).where("id", "=", row.id).execute();
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ id: row.id, problem: "edited" });
  });

  it("detects a deleted row and a deleted tail", async () => {
    const db = use();
    const rows = await db.selectFrom("audit_events").select("id").orderBy("id").execute();
    await db.deleteFrom("audit_events").where("id", "=", rows[5].id).execute();
    await db
      .deleteFrom("audit_events")
      .where("id", "=", rows[rows.length - 1].id)
      .execute();
    const report = await verifyAuditChain(db);
    expect(report.problems).toContainEqual({ id: rows[6].id, problem: "missing-before" });
    expect(report.problems.some((p) => p.problem === "missing-after")).toBe(true);
  });
});
