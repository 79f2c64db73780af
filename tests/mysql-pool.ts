import crypto from "node:crypto";
import { createConnection, type Connection } from "mysql2/promise";
import { inject } from "vitest";
import { openDatabase, type DB } from "@/server/db/connect";
import { migrateToLatest } from "@/server/db/migrate";
import { migrations } from "@/server/db/migrations";

/**
 * MariaDB/MySQL databases for the tests, migrated once and reused. Creating and migrating a database takes
 * seconds on MariaDB (DDL, FULLTEXT indexes, triggers), and most suites want a fresh one: so each test worker
 * keeps its own databases for the whole run, and a suite gets one emptied back to the state a fresh migration
 * leaves (every table emptied, the rows the migrations write copied back from this run's template database,
 * AUTO_INCREMENT counters back to 1). A database whose migrations are not exactly the current ones (a test
 * that migrated down and failed half-way, a migration edited since) is dropped and made anew.
 * Names: `mayak_p_<run>_base` (the template) and `mayak_p_<run>_<worker>_<n>`; the run's global setup
 * (tests/mysql-setup.ts) makes the template and drops them all at the end.
 */

const KEEP = new Set(["kysely_migration", "kysely_migration_lock"]);

function migrationsKey(): string {
  const text = Object.entries(migrations)
    .map(([name, m]) => `${name}\n${m.up.toString()}\n${m.down?.toString() ?? ""}`)
    .join("\n");
  return crypto.createHash("sha256").update(text).digest("hex");
}

export function poolName(run: string, suffix: string): string {
  return `mayak_p_${run}_${suffix}`;
}

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Migrates `name` from nothing and records which migrations made it. */
export async function createMigrated(base: string, name: string): Promise<void> {
  const admin = await createConnection({ uri: base });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const db = openDatabase(withDatabase(base, name));
  try {
    await migrateToLatest(db);
    await db.schema.createTable("zz_test_pool").addColumn("migrations_key", "varchar(64)").execute();
    await db
      .insertInto("zz_test_pool" as never)
      .values({ migrations_key: migrationsKey() } as never)
      .execute();
  } finally {
    await db.destroy();
  }
}

/** True when `name` exists and was made by exactly the current migrations. */
async function upToDate(c: Connection, name: string): Promise<boolean> {
  try {
    const [rows] = await c.query(`SELECT migrations_key FROM \`${name}\`.zz_test_pool`);
    const [applied] = await c.query(`SELECT COUNT(*) AS n FROM \`${name}\`.kysely_migration`);
    return (
      (rows as { migrations_key: string }[])[0]?.migrations_key === migrationsKey() &&
      Number((applied as { n: number }[])[0].n) === Object.keys(migrations).length
    );
  } catch {
    return false;
  }
}

/** Empties every table of `name` and copies the template's rows back, on one connection with foreign keys off. */
async function resetFromTemplate(c: Connection, name: string, template: string): Promise<void> {
  const [tables] = await c.query(
    "SELECT table_name AS t, auto_increment AS ai FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
    [name],
  );
  await c.query("SET FOREIGN_KEY_CHECKS = 0");
  try {
    const emptied = (tables as { t: string; ai: number | null }[]).filter(({ t }) => !KEEP.has(t) && t !== "zz_test_pool");
    // A FULLTEXT index does not find rows written after its table was emptied by DELETE and its AUTO_INCREMENT
    // moved back (InnoDB keeps the deleted document ids): those tables are truncated, which rebuilds the index.
    const [fullText] = await c.query(
      "SELECT DISTINCT table_name AS t FROM information_schema.statistics WHERE table_schema = ? AND index_type = 'FULLTEXT'",
      [name],
    );
    const truncated = new Set((fullText as { t: string }[]).map((r) => r.t));
    for (const { t } of emptied) await c.query(`${truncated.has(t) ? "TRUNCATE TABLE" : "DELETE FROM"} \`${name}\`.\`${t}\``);
    // Deleting tickets fires the counter triggers (migration 0012), which write rows into tables already emptied.
    for (const { t, ai } of emptied) {
      if (truncated.has(t)) continue;
      await c.query(`DELETE FROM \`${name}\`.\`${t}\``);
      if (ai !== null && Number(ai) > 1) await c.query(`ALTER TABLE \`${name}\`.\`${t}\` AUTO_INCREMENT = 1`);
    }
    for (const { t, columns } of await templateRows(c, template)) {
      const list = columns.map((col) => `\`${col}\``).join(", ");
      await c.query(`INSERT INTO \`${name}\`.\`${t}\` (${list}) SELECT ${list} FROM \`${template}\`.\`${t}\``);
    }
  } finally {
    await c.query("SET FOREIGN_KEY_CHECKS = 1");
  }
}

let seeded: Promise<{ t: string; columns: string[] }[]> | undefined;

/** The template's tables that hold rows after migrating, with their writable (not generated) columns. */
function templateRows(c: Connection, template: string) {
  seeded ??= (async () => {
    const [cols] = await c.query(
      "SELECT table_name AS t, column_name AS col FROM information_schema.columns WHERE table_schema = ? AND extra NOT LIKE '%GENERATED%' ORDER BY table_name, ordinal_position",
      [template],
    );
    const byTable = new Map<string, string[]>();
    for (const { t, col } of cols as { t: string; col: string }[]) byTable.set(t, [...(byTable.get(t) ?? []), col]);
    const out: { t: string; columns: string[] }[] = [];
    for (const [t, columns] of byTable) {
      if (KEEP.has(t) || t === "zz_test_pool") continue;
      const [rows] = await c.query(`SELECT 1 FROM \`${template}\`.\`${t}\` LIMIT 1`);
      if ((rows as unknown[]).length > 0) out.push({ t, columns });
    }
    return out;
  })();
  return seeded;
}

const inUse = new Set<string>();

/** A migrated MariaDB database for one suite, fresh as if just migrated; `release` hands it back for the next. */
export async function acquireMysqlDb(base: string): Promise<{ db: DB; release: () => Promise<void> }> {
  const run = inject("mysqlRun");
  const worker = process.env.VITEST_POOL_ID ?? "0";
  let n = 1;
  while (inUse.has(poolName(run, `${worker}_${n}`))) n++;
  const name = poolName(run, `${worker}_${n}`);
  inUse.add(name);
  try {
    const c = await createConnection({ uri: base });
    try {
      if (await upToDate(c, name)) await resetFromTemplate(c, name, poolName(run, "base"));
      else await createMigrated(base, name);
    } finally {
      await c.end();
    }
  } catch (err) {
    inUse.delete(name);
    throw err;
  }
  const db = openDatabase(withDatabase(base, name));
  return {
    db,
    release: async () => {
      await db.destroy();
      inUse.delete(name);
    },
  };
}
