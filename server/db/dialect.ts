import "server-only";
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "mysql";
export type Tx = Transaction<Database>;

/** Which dialect an executor (the database or a transaction) speaks. */
export function dialectOf(executor: Kysely<any>): DialectName {
  // Not `instanceof MysqlAdapter`: the built app may hold a database opened by another bundle, with its own copy of
  // Kysely's classes, and the check would then call MariaDB SQLite (no FOR UPDATE, SQLite's upserts). Of the two
  // dialects only MySQL/MariaDB's adapter lacks RETURNING, a property every copy of the adapter carries.
  return executor.getExecutor().adapter.supportsReturning ? "sqlite" : "mysql";
}

/**
 * Row locking. MySQL/MariaDB take `FOR UPDATE` (and `SKIP LOCKED` for queues); SQLite has one writer
 * at a time, so a transaction already excludes the others and the clause would be a syntax error.
 */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(trx: Tx, qb: QB, opts: { skipLocked?: boolean } = {}): QB {
  if (dialectOf(trx) !== "mysql") return qb;
  const locked = qb.forUpdate();
  return (opts.skipLocked ? locked.skipLocked() : locked) as QB;
}

/** True when an error is a unique-key violation, in either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number } | undefined;
  if (!e) return false;
  return e.errno === 1062 || e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Inserts a counter row, or adds to the existing one (and keeps the larger of `max` columns), in one
 * statement: `ON CONFLICT … DO UPDATE` on SQLite, `ON DUPLICATE KEY UPDATE` on MySQL/MariaDB.
 * `key` names the columns of the table's primary or unique key; the row must not exist partially.
 */
export async function upsertAdd<T extends keyof Database & string>(
  executor: Kysely<Database>,
  table: T,
  key: Record<string, string | number>,
  add: Record<string, number>,
  max: Record<string, number> = {},
): Promise<void> {
  const values = { ...key, ...add, ...max };
  const mysql = dialectOf(executor) === "mysql";
  const incoming = (col: string) => (mysql ? sql`values(${sql.ref(col)})` : sql.ref(`excluded.${col}`));
  const set: Record<string, unknown> = {};
  for (const col of Object.keys(add)) set[col] = sql`${sql.ref(col)} + ${incoming(col)}`;
  for (const col of Object.keys(max))
    set[col] = mysql ? sql`greatest(${sql.ref(col)}, ${incoming(col)})` : sql`max(${sql.ref(col)}, ${incoming(col)})`;
  // The column sets are dynamic, so Kysely's per-table typing cannot follow them here.
  const insert = executor.insertInto(table).values(values as never) as any;
  if (mysql) await insert.onDuplicateKeyUpdate(set).execute();
  else await insert.onConflict((oc: any) => oc.columns(Object.keys(key)).doUpdateSet(set)).execute();
}
