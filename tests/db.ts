import crypto from "node:crypto";
import { createConnection } from "mysql2/promise";
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type DB } from "@/server/db/connect";
import { migrateToLatest } from "@/server/db/migrate";
import type { DialectName } from "@/server/db/dialect";
import { acquireMysqlDb } from "./mysql-pool";

/** The dialects this run covers: SQLite always, MariaDB/MySQL when MYSQL_TEST_URL is set. */
export function testDialects(): DialectName[] {
  return process.env.MYSQL_TEST_URL ? ["sqlite", "mysql"] : ["sqlite"];
}

/**
 * A fresh, migrated database: in-memory SQLite, or a MariaDB/MySQL database from this run's pool, emptied back to
 * the state migrations leave (tests/mysql-pool.ts). `migrate: false` gives an empty scratch MySQL database,
 * dropped afterwards (tests of one migration run the earlier ones themselves).
 */
export async function createTestDb(
  dialect: DialectName,
  opts: { migrate?: boolean } = {},
): Promise<{ db: DB; destroy: () => Promise<void> }> {
  const migrate = opts.migrate ?? true;
  if (dialect === "sqlite") {
    const db = openDatabase(":memory:");
    if (migrate) await migrateToLatest(db);
    return { db, destroy: () => db.destroy() };
  }
  if (migrate) {
    const { db, release } = await acquireMysqlDb(process.env.MYSQL_TEST_URL!);
    return { db, destroy: release };
  }
  const base = new URL(process.env.MYSQL_TEST_URL!);
  const name = `mayak_t_${crypto.randomBytes(5).toString("hex")}`;
  const admin = await createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  return {
    db,
    destroy: async () => {
      await db.destroy();
      const c = await createConnection({ uri: base.toString() });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Runs a suite once per dialect, each with its own fresh database, as Kysely's own tests do.
 * `use()` returns the database of the running suite.
 */
export function describeEachDialect(title: string, fn: (use: () => DB, dialect: DialectName) => void): void {
  for (const dialect of testDialects()) {
    describe(`${title} [${dialect}]`, () => {
      let handle: Awaited<ReturnType<typeof createTestDb>> | undefined;
      beforeAll(async () => {
        handle = await createTestDb(dialect);
      });
      afterAll(async () => {
        await handle?.destroy();
      });
      fn(() => {
        if (!handle) throw new Error("database not ready");
        return handle.db;
      }, dialect);
    });
  }
}
