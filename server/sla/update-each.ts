import "server-only";
import { sql } from "kysely";
import type { Tx } from "../db";

type Value = number | string | null;
/** Rows by primary key, each with the same columns to set. */
export type RowUpdate = { id: number } & Record<string, Value>;

/** Rows per statement: a few thousand bound values, far below either dialect's limit. */
const CHUNK = 250;

/**
 * Gives each row its own values in one UPDATE per CHUNK rows (`set col = case id when … then … end`), the same SQL
 * on SQLite and MariaDB: the sweep and the recompute write hundreds of clocks and tickets a batch without a
 * statement each.
 */
export async function updateEach(trx: Tx, table: "sla_clocks" | "tickets", rows: readonly RowUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]).filter((c) => c !== "id");
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const set = Object.fromEntries(
      cols.map((col) => [
        col,
        sql`case ${sql.ref("id")} ${sql.join(
          chunk.map((r) => sql`when ${r.id} then ${r[col]}`),
          sql` `,
        )} end`,
      ]),
    );
    await trx
      .updateTable(table)
      .set(set as never)
      .where(
        "id",
        "in",
        chunk.map((r) => r.id),
      )
      .execute();
  }
}
