import "server-only";
import path from "node:path";
import { sql } from "kysely";
import { getEnv } from "../env";
import { openDatabase, type DB } from "./connect";

export type { DB } from "./connect";
export type { Tx } from "./dialect";

const holder = globalThis as unknown as { __mayakDb?: DB };

/** The app's database, opened on first use (never at import: `next build` imports this module). */
export function getDb(): DB {
  if (!holder.__mayakDb) {
    const env = getEnv();
    holder.__mayakDb = openDatabase(env.DATABASE_URL ?? `file:${path.join(env.DATA_DIR, "mayak.sqlite")}`);
  }
  return holder.__mayakDb;
}

/** A round trip that reads nothing: the database answers. */
export async function pingDatabase(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}
