import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/db";
import type { DB } from "../db";
import { generateInboxData } from "@/bench/inbox-data";
import { INBOX_VERSION_SQL } from "./inbox-version";
import { solvedBefore } from "./auto-close";

interface PlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  rows: number | null;
  Extra: string | null;
}

/** The query with its parameters written in (numbers, and plain words such as a status). */
const inline = (q: { sql: string; parameters: readonly unknown[] }) => {
  let i = 0;
  return q.sql.replace(/\?/g, () => {
    const v = q.parameters[i++];
    return typeof v === "number" ? String(v) : `'${String(v).replace(/[^a-z_]/g, "")}'`;
  });
};

/**
 * EXPLAIN on MariaDB for what ticket life runs against the whole tickets table: the inbox version the open list
 * polls reads the two index ends (no rows), and the auto-close job walks (status, solved_at) instead of the table.
 */
describe.skipIf(!process.env.MYSQL_TEST_URL)("ticket life query plans [mysql]", () => {
  let db: DB;

  beforeAll(async () => {
    const handle = await createTestDb("mysql");
    db = handle.db;
    await generateInboxData(db, { tickets: 20_000, messagesPerTicket: 0, customers: 1_000, organisations: 100 });
    await sql`analyze table tickets`.execute(db);
    return handle.destroy;
  }, 240_000);

  it("the inbox version is read from the ends of two indexes", async () => {
    const compiled = INBOX_VERSION_SQL.compile(db);
    const { rows } = await sql.raw<PlanRow>(`explain ${compiled.sql}`).execute(db);
    const subqueries = rows.filter((r) => r.Extra?.includes("Select tables optimized away"));
    expect(subqueries, JSON.stringify(rows)).toHaveLength(2);
  });

  it("the auto-close job walks the (status, solved_at) index", async () => {
    const { rows } = await sql.raw<PlanRow>(`explain ${inline(solvedBefore(db, Date.now(), 200).compile())}`).execute(db);
    const t = rows.find((r) => r.table === "tickets")!;
    expect(t.key, JSON.stringify(rows)).toBe("tickets_status_solved");
    expect(t.Extra ?? "", JSON.stringify(rows)).not.toContain("filesort");
  });
});
