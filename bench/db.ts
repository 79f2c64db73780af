import SQLite from "better-sqlite3";
import { createPool, type Pool } from "mysql2/promise";
import { MYSQL_POOL_OPTIONS } from "../server/db/connect";

/** The benchmark's own connection to the app's database, through the same drivers the app uses. */
export type BenchDb = { dialect: "sqlite"; sqlite: SQLite.Database } | { dialect: "mysql"; pool: Pool };

export function openSqlite(file: string): BenchDb {
  const sqlite = new SQLite(file);
  // The same settings as the app's connection (server/db/connect.ts).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return { dialect: "sqlite", sqlite };
}

export function openMysql(url: string): BenchDb {
  const pool = createPool({ uri: url, ...MYSQL_POOL_OPTIONS });
  return { dialect: "mysql", pool };
}

export async function closeDb(db: BenchDb): Promise<void> {
  if (db.dialect === "sqlite") db.sqlite.close();
  else await db.pool.end();
}

/** The version of SQLite that better-sqlite3 (the app's driver) carries. */
export function sqliteVersion(): string {
  const mem = new SQLite(":memory:");
  try {
    return (mem.prepare("select sqlite_version() as v").get() as { v: string }).v;
  } finally {
    mem.close();
  }
}

/** Runs a read query and returns its rows, whichever the dialect. */
export async function all<T = Record<string, unknown>>(db: BenchDb, sql: string, params: unknown[] = []): Promise<T[]> {
  if (db.dialect === "sqlite") return db.sqlite.prepare(sql).all(...params) as T[];
  const [rows] = await db.pool.query(sql, params);
  return rows as T[];
}

/** Creates an empty scratch database on the server at `serverUrl` (mysql://user@host:port); returns its URL. */
export async function createScratchMysql(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = createPool({ uri: serverUrl, connectionLimit: 1 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return {
    url: `${serverUrl.replace(/\/+$/, "")}/${name}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

// One ticket in five open (new, open, pending, on hold), the rest solved or closed.
const STATUSES = [
  "new",
  "open",
  "pending",
  "on_hold",
  ...Array<"solved" | "closed">(8).fill("solved"),
  ...Array<"solved" | "closed">(8).fill("closed"),
] as const;
const PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"] as const;
const TOPICS = ["Cannot sign in", "Invoice is wrong", "Export to CSV fails", "Slow dashboard", "Password reset email", "API returns 500"];

/**
 * Inserts `count` tickets directly (no audit events, no messages), in batches, so the inbox runs over a
 * table of realistic size: one in five open, spread over all customers, a third unassigned.
 */
export async function seedTickets(db: BenchDb, count: number): Promise<void> {
  const customers = (await all<{ id: number }>(db, "select id from users where role = 'customer' order by id")).map((r) => r.id);
  const staff = (await all<{ id: number }>(db, "select id from users where role <> 'customer' order by id")).map((r) => r.id);
  if (customers.length === 0 || staff.length === 0) throw new Error("The demo users are missing: cannot seed tickets.");
  const start = Date.now() - count * 60_000;
  const row = (i: number) => {
    const status = STATUSES[i % STATUSES.length]!;
    const created = start + i * 60_000;
    return [
      customers[i % customers.length],
      i % 3 === 0 ? null : staff[i % staff.length],
      `${TOPICS[i % TOPICS.length]} (#${i})`,
      `Benchmark ticket ${i}. `.repeat(20),
      "1. Open the page\n2. Click the button",
      "It works",
      "It does not",
      "https://example.com/app",
      PRIORITIES[i % PRIORITIES.length],
      status,
      created,
      created + 30_000,
      i % 3 === 0 ? null : created + 10_000,
      status === "solved" || status === "closed" ? created + 50_000 : null,
      status === "solved" || status === "closed" ? 0 : 1,
    ];
  };
  const cols =
    "requester_id, assignee_id, subject, description, steps, expected, actual, page_url, priority, status, created_at, updated_at, first_response_at, solved_at, is_open";
  const batch = 1000;
  if (db.dialect === "sqlite") {
    const insert = db.sqlite.prepare(`insert into tickets (${cols}) values (${Array(15).fill("?").join(", ")})`);
    const insertMany = db.sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...row(i));
    });
    for (let i = 0; i < count; i += batch) insertMany(i, Math.min(count, i + batch));
  } else {
    for (let i = 0; i < count; i += batch) {
      const rows = Array.from({ length: Math.min(batch, count - i) }, (_, k) => row(i + k));
      await db.pool.query(`insert into tickets (${cols}) values ?`, [rows]);
    }
    // InnoDB refreshes its statistics in the background some time after a bulk insert; until then the
    // optimizer may pick another plan for the inbox query. Refresh them now so every run measures the same plan.
    await db.pool.query("analyze table tickets");
  }
}
