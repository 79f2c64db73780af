import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { transact } from "../db/transact";
import { appendPendingAudits, recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-chain";
import { adminCtxOnManualClock } from "./test-ctx";

describeEachDialect("audit events recorded inside transact", (use, dialect) => {
  const { ctx } = adminCtxOnManualClock();
  const event = (n: number, action = "test.deferred") => ({ action, entityType: "thing", entityId: n, after: { n } });
  const actions = async () =>
    (await use().selectFrom("audit_events").select(["action", "entity_id"]).orderBy("id").execute()).map(
      (r) => `${r.action}:${r.entity_id}`,
    );

  it("are appended at commit, in the order recorded, with the head on the last", async () => {
    const db = use();
    const seenInside = await transact(db, async (trx) => {
      for (let i = 0; i < 450; i++) await recordAudit(trx, ctx, event(i));
      // Nothing is written before the end of the transaction.
      return (
        await trx
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    });
    expect(Number(seenInside)).toBe(0);
    expect(await actions()).toEqual(Array.from({ length: 450 }, (_, i) => `test.deferred:${i}`));
    const head = await db.selectFrom("audit_head").select(["last_id", "last_hash"]).executeTakeFirstOrThrow();
    const last = await db.selectFrom("audit_events").select(["id", "hash"]).orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
    expect(head).toEqual({ last_id: last.id, last_hash: last.hash });
    expect(await verifyAuditChain(db)).toMatchObject({ checked: 450, ok: true });
  });

  it("can be appended early for a read of the trail inside the transaction; later ones still wait for the commit", async () => {
    const db = use();
    const seen = await transact(db, async (trx) => {
      await recordAudit(trx, ctx, event(1, "test.early"));
      await appendPendingAudits(trx);
      const early = await trx.selectFrom("audit_events").select("action").where("action", "=", "test.early").execute();
      await recordAudit(trx, ctx, event(2, "test.late"));
      return early.length;
    });
    expect(seen).toBe(1);
    expect((await actions()).filter((a) => a.startsWith("test.early") || a.startsWith("test.late"))).toEqual([
      "test.early:1",
      "test.late:2",
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("leave nothing when the transaction rolls back", async () => {
    const db = use();
    const before = await actions();
    await expect(
      transact(db, async (trx) => {
        await recordAudit(trx, ctx, event(1, "test.rolled-back"));
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await actions()).toEqual(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("chain in order under concurrent transactions, each with several events", async () => {
    const db = use();
    await Promise.all(
      Array.from({ length: 12 }, (_, t) =>
        transact(db, async (trx) => {
          for (let i = 0; i < 3; i++) await recordAudit(trx, ctx, event(t * 10 + i, "test.concurrent"));
        }),
      ),
    );
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const concurrent = (await actions()).filter((a) => a.startsWith("test.concurrent"));
    expect(concurrent).toHaveLength(36);
    // A transaction's events stand together in the chain.
    for (let k = 0; k < 36; k += 3) {
      const first = Number(concurrent[k]!.split(":")[1]);
      expect(concurrent.slice(k, k + 3)).toEqual([0, 1, 2].map((i) => `test.concurrent:${first + i}`));
    }
  });

  // SQLite has one writer: two write transactions never overlap there, so this is MariaDB's proof.
  it.runIf(dialect === "mysql")("do not hold the chain's head while the rest of the transaction works", async () => {
    const db = use();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let recorded!: () => void;
    const hasRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const slow = transact(db, async (trx) => {
      await recordAudit(trx, ctx, event(1, "test.slow"));
      recorded();
      await held;
    });
    await hasRecorded;
    // With the head locked from the first event on, this would wait for `slow` (and time out below).
    const quick = transact(db, (trx) => recordAudit(trx, ctx, event(2, "test.quick")));
    const outcome = await Promise.race([quick.then(() => "committed"), new Promise((r) => setTimeout(() => r("still waiting"), 5000))]);
    release();
    await slow;
    await quick;
    expect(outcome).toBe("committed");
    const order = (await actions()).filter((a) => a.startsWith("test.slow") || a.startsWith("test.quick"));
    expect(order).toEqual(["test.quick:2", "test.slow:1"]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
