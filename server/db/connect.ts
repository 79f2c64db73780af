import "server-only";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createPool } from "mysql2";
import { Kysely, MysqlDialect, SqliteDialect } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

/** How the app talks to MySQL/MariaDB (the benchmark opens its pool the same way). */
export const MYSQL_POOL_OPTIONS = {
  connectionLimit: 10,
  charset: "utf8mb4_unicode_ci",
  // Times are BIGINT epoch milliseconds: read them as JS numbers.
  supportBigNumbers: true,
  bigNumberStrings: false,
  timezone: "Z",
} as const;

/**
 * Opens a database from a URL: `mysql://…` for MySQL/MariaDB, `file:path` (or `:memory:`) for SQLite.
 * Everything that differs between the two starts here and in the other files of server/db.
 */
export function openDatabase(url: string): DB {
  if (url.startsWith("mysql://")) {
    const pool = createPool({ uri: url, ...MYSQL_POOL_OPTIONS });
    return new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  }
  const file = url === ":memory:" ? ":memory:" : url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
