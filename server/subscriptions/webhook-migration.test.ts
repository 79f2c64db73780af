import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Migrator } from "kysely";
import { createTestDb, testDialects } from "@/tests/db";
import type { DB } from "../db";
import { migrations } from "../db/migrations";

const NAME = "2026_12_03_0007_webhook_verification";
const before = Object.keys(migrations)
  .sort()
  .filter((n) => n < NAME)
  .pop()!;

for (const dialect of testDialects()) {
  describe(`migration ${NAME} [${dialect}]`, () => {
    let handle: Awaited<ReturnType<typeof createTestDb>>;
    let migrator: Migrator;
    beforeAll(async () => {
      handle = await createTestDb(dialect, { migrate: false });
      migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const r = await migrator.migrateTo(before);
      if (r.error) throw r.error;
    });
    afterAll(async () => handle?.destroy());

    const row = (db: DB, kind: "email" | "webhook", target: string) =>
      db
        .insertInto("status_subscribers")
        .values({
          kind,
          target,
          locale: "en",
          components: null,
          secret: kind === "webhook" ? "whsec_0123456789abcdef" : null,
          confirmed: 1,
          confirm_token_hash: null,
          unsubscribe_token_hash: `${target}-hash`.padEnd(64, "0").slice(0, 64),
          created_at: 1,
          confirmed_at: 1,
        } as never)
        .execute();

    it("makes existing webhooks unverified (they receive nothing until verified or approved) and leaves email alone", async () => {
      const db = handle.db;
      await row(db, "webhook", "http://169.254.169.254/latest/meta-data/");
      await row(db, "email", "reader@example.test");
      const r = await migrator.migrateTo(NAME);
      if (r.error) throw r.error;
      const rows = await db
        .selectFrom("status_subscribers")
        .select(["kind", "confirmed", "confirmed_at", "webhook_state", "webhook_error"])
        .orderBy("id")
        .execute();
      expect(rows.map((x) => ({ ...x, confirmed_at: x.confirmed_at === null ? null : Number(x.confirmed_at) }))).toEqual([
        { kind: "webhook", confirmed: 0, confirmed_at: null, webhook_state: "unverified", webhook_error: null },
        { kind: "email", confirmed: 1, confirmed_at: 1, webhook_state: null, webhook_error: null },
      ]);
    });

    it("goes down again, keeping approved and verified webhooks active", async () => {
      const db = handle.db;
      await row(db, "webhook", "https://hooks.example.test/approved");
      await db
        .updateTable("status_subscribers")
        .set({ webhook_state: "approved", confirmed: 0 })
        .where("target", "=", "https://hooks.example.test/approved")
        .execute();
      const r = await migrator.migrateTo(before);
      if (r.error) throw r.error;
      const rows = await db
        .selectFrom("status_subscribers")
        .select(["target", "confirmed"])
        .where("kind", "=", "webhook")
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        { target: "http://169.254.169.254/latest/meta-data/", confirmed: 0 },
        { target: "https://hooks.example.test/approved", confirmed: 1 },
      ]);
    });
  });
}
