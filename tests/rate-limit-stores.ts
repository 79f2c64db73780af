import crypto from "node:crypto";
import { createConnection } from "mysql2/promise";
import { openDatabase } from "@/server/db/connect";
import { migrateToLatest } from "@/server/db/migrate";

/**
 * A scratch MySQL/MariaDB database, migrated, for tests that open their own connections to it (two
 * "instances" with pools of their own); null without MYSQL_TEST_URL.
 */
export async function createScratchMysql(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (!process.env.MYSQL_TEST_URL) return null;
  const base = new URL(process.env.MYSQL_TEST_URL);
  const name = `mayak_rl_${crypto.randomBytes(5).toString("hex")}`;
  const admin = await createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  await migrateToLatest(db);
  await db.destroy();
  return {
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ uri: base.toString() });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A name no other run has used, so that counters left in Redis by an earlier run never meet this one. */
export const uniqueName = (name: string) => `${name}-${crypto.randomBytes(4).toString("hex")}`;
