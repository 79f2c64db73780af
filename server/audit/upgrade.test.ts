import crypto from "node:crypto";
import { Migrator, type Kysely } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { migrations } from "../db/migrations";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db";
import type { Database } from "../db/schema";
import { transact } from "../db/transact";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-chain";
import { adminCtxOnManualClock } from "./test-ctx";

const UPGRADE = "2026_12_03_0008_privacy_and_retention";
const BEFORE_UPGRADE = "2026_12_03_0007_webhook_verification";

/** The hash formula before the upgrade, as migrations 0001–0007 and the app of their time computed it. */
function legacyHash(e: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    e.prev_hash,
    e.actor_id,
    e.actor_role,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before_json,
    e.after_json,
    e.ip,
    e.user_agent,
    Number(e.created_at),
  ]);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** Appends an event the way the app did before the upgrade. */
async function appendLegacy(db: Kysely<Database>, i: number): Promise<void> {
  const head = await db.selectFrom("audit_head").select(["last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  const e = {
    actor_id: 1,
    actor_role: "admin",
    action: "legacy.event",
    entity_type: "thing",
    entity_id: String(i),
    before_json: null,
    after_json: JSON.stringify({ n: i, who: "Ада Лавлейс" }),
    ip: "192.0.2.1",
    user_agent: "old-app",
    created_at: 1_700_000_000_000 + i,
    prev_hash: head.last_hash,
  };
  const hash = legacyHash(e);
  // Straight SQL through Kysely, without the new columns: as an old row is.
  const res = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto("audit_events")
    .values({ ...e, hash })
    .executeTakeFirstOrThrow();
  await db
    .updateTable("audit_head")
    .set({ last_hash: hash, last_id: Number(res.insertId) })
    .where("id", "=", 1)
    .execute();
}

async function downgrade(db: DB): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  // Down to the migration before the upgrade, through any that came after it.
  const result = await migrator.migrateTo(BEFORE_UPGRADE);
  if (result.error) throw result.error;
  expect(result.results?.map((r) => [r.migrationName, r.status]).at(-1)).toEqual([UPGRADE, "Success"]);
}

async function legacyChainOk(db: DB): Promise<boolean> {
  const rows = await db.selectFrom("audit_events").selectAll().orderBy("id").execute();
  let prev = "0".repeat(64);
  for (const r of rows) {
    if (r.prev_hash !== prev || legacyHash(r) !== r.hash) return false;
    prev = r.hash;
  }
  return true;
}

describeEachDialect("upgrading an existing audit trail to sealed events", (use) => {
  const { ctx, clock } = adminCtxOnManualClock();

  beforeAll(async () => {
    const db = use();
    // Events written by the current app, then the schema taken back to before the upgrade (down re-hashes them
    // with the old formula), then more events written as the old app wrote them.
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await transact(db, (trx) => recordAudit(trx, ctx, { action: "test.event", entityType: "thing", entityId: i, after: { i } }));
    }
    await downgrade(db);
    expect(await legacyChainOk(db)).toBe(true);
    // One transaction, so that MariaDB does not flush 1,200 commits.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1200; i++) await appendLegacy(trx, i);
    });
  });

  it("the old chain verifies under the old formula before the upgrade", async () => {
    expect(await legacyChainOk(use())).toBe(true);
  });

  it("after the upgrade the whole trail verifies, and the checkpoint keeps the old head", async () => {
    const db = use();
    const oldHead = await db.selectFrom("audit_head").select(["last_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
    await migrateToLatest(db);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, checked: 1203, problems: [], redacted: 0 });
    const cp = await db.selectFrom("audit_checkpoints").selectAll().executeTakeFirstOrThrow();
    expect(cp).toMatchObject({
      kind: "upgrade",
      through_id: oldHead.last_id,
      legacy_hash: oldHead.last_hash,
      checked: 1203,
      problems: null,
    });
    const head = await db.selectFrom("audit_head").select(["last_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
    expect(cp.through_hash).toBe(head.last_hash);
    expect(await db.selectFrom("audit_events").select("id").where("payload_key", "is", null).execute()).toEqual([]);
  });

  it("new events chain on after the upgraded ones", async () => {
    const db = use();
    await transact(db, (trx) => recordAudit(trx, ctx, { action: "test.after_upgrade", entityType: "thing", entityId: 1 }));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 1204 });
  });
});

describeEachDialect("upgrading a trail that was already tampered with", (use) => {
  let editedId: number;

  beforeAll(async () => {
    const db = use();
    await downgrade(db);
    for (let i = 0; i < 5; i++) await appendLegacy(db, i);
    const row = await db.selectFrom("audit_events").select("id").orderBy("id").limit(1).offset(2).executeTakeFirstOrThrow();
    editedId = row.id;
    await db.updateTable("audit_events").set({ after_json: '{"n":999}' }).where("id", "=", editedId).execute();
    await migrateToLatest(db);
  });

  it("the upgrade does not launder the edit: the check keeps reporting it, from the checkpoint", async () => {
    const db = use();
    const cp = await db.selectFrom("audit_checkpoints").select(["id"]).where("kind", "=", "upgrade").executeTakeFirstOrThrow();
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ id: editedId, problem: "edited", checkpoint: cp.id }]);
    expect(report.checked).toBe(5);
  });
});
