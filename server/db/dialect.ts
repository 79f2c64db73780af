import { MysqlAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "mysql";
export type Tx = Transaction<Database>;

/** Which dialect an executor (the database or a transaction) speaks. */
export function dialectOf(executor: Kysely<any>): DialectName {
  return executor.getExecutor().adapter instanceof MysqlAdapter ? "mysql" : "sqlite";
}

/**
 * Row locking. MySQL/MariaDB take `FOR UPDATE` (and `SKIP LOCKED` for queues); SQLite has one writer
 * at a time, so a transaction already excludes the others and the clause would be a syntax error.
 */
export function forUpdate<QB extends SelectQueryBuilder<any, any, any>>(
  trx: Tx,
  qb: QB,
  opts: { skipLocked?: boolean } = {},
): QB {
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
