import { sql } from "kysely";
import { openDatabase, type DB } from "../db/connect";
import { dialectOf } from "../db/dialect";

/**
 * A second, independent connection pool to the same test database, standing in for another app
 * instance. SQLite's in-memory database exists only inside its one connection, so there the peer is
 * the same handle (SQLite has a single writer anyway).
 */
export async function openPeerDb(db: DB): Promise<{ db: DB; close: () => Promise<void> }> {
  if (dialectOf(db) !== "mysql") return { db, close: async () => undefined };
  const base = process.env.MYSQL_TEST_URL;
  if (!base) throw new Error("MYSQL_TEST_URL is not set");
  const { rows } = await sql<{ name: string }>`select database() as name`.execute(db);
  const url = new URL(base);
  url.pathname = `/${rows[0].name}`;
  const peer = openDatabase(url.toString());
  return { db: peer, close: () => peer.destroy() };
}

/** Runs a worker-like `runOnce` until it finds nothing to do; returns how many jobs it ran. */
export async function drain(runOnce: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await runOnce();
    if (n === 0) return total;
    total += n;
  }
}
