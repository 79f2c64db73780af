import "server-only";
import { type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { InboxSort } from "@/lib/tickets";
import type { Database } from "../db/schema";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";

type Col = "t.priority_order" | "t.updated_at" | "t.created_at" | "t.sla_due_order" | "t.id";

/** The orders of the list ("due": the SLA's due first, server/sla). */
export type ListSort = InboxSort;

/**
 * Each order is a key: columns with directions, the last one unique (the id). A page continues after the
 * key of the previous page's last row, so pages never skip or repeat rows however the list changes, and the
 * database walks an index instead of counting rows (no OFFSET). Every view predicate has an index ending in
 * each key's columns (migrations 0012 and 0017). "due" walks the generated `sla_due_order` (the due time of the
 * ticket's running SLA clock; tickets without one last).
 */
export const SORT_KEYS: Record<ListSort, readonly (readonly [Col, "asc" | "desc"])[]> = {
  urgent: [
    ["t.priority_order", "asc"],
    ["t.updated_at", "asc"],
    ["t.id", "asc"],
  ],
  updated: [
    ["t.updated_at", "desc"],
    ["t.id", "desc"],
  ],
  created: [["t.id", "desc"]],
  due: [
    ["t.sla_due_order", "asc"],
    ["t.id", "asc"],
  ],
};

export type SortKeyRow = { priority_order: number; updated_at: number; sla_due_order: number; id: number };

const field = (col: Col) => col.slice(2) as keyof SortKeyRow;

/** The cursor for the page after `row`: its key values, in base64url JSON. */
export function encodeCursor(sort: ListSort, row: SortKeyRow): string {
  return Buffer.from(JSON.stringify(SORT_KEYS[sort].map(([c]) => row[field(c)]))).toString("base64url");
}

/** The key values in a cursor, or INVALID_INPUT for one that does not belong to this order. */
export function decodeCursor(sort: ListSort, cursor: string | number): number[] {
  // A bare number is the id cursor of the lists before sorts (newest first by id).
  if (typeof cursor === "number") {
    if (sort === "created") return [cursor];
    throw new AppError("INVALID_INPUT", msg("inbox.err.cursor"), "cursor");
  }
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = null;
  }
  const n = SORT_KEYS[sort].length;
  if (!Array.isArray(values) || values.length !== n || !values.every((v) => Number.isSafeInteger(v))) {
    throw new AppError("INVALID_INPUT", msg("inbox.err.cursor"), "cursor");
  }
  return values as number[];
}

/**
 * Rows after the key `values` in `sort`'s order: (a > x) or (a = x and b > y) or …, with the first column's
 * bound repeated on its own so that the engine reads a range of the index rather than testing every row.
 */
export function afterKey(
  eb: ExpressionBuilder<Database & { t: Database["tickets"] }, "t">,
  sort: ListSort,
  values: number[],
): Expression<SqlBool> {
  const key = SORT_KEYS[sort];
  const cmp = (dir: "asc" | "desc") => (dir === "asc" ? ">" : "<");
  const branches: Expression<SqlBool>[] = key.map(([col, dir], i) =>
    eb.and([...key.slice(0, i).map(([c], j) => eb(c, "=", values[j])), eb(col, cmp(dir), values[i])]),
  );
  const [first, dir] = key[0];
  return eb.and([eb(first, dir === "asc" ? ">=" : "<=", values[0]), eb.or(branches)]);
}
