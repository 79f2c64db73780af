import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";

/**
 * What the open inbox list polls to know it is stale: the newest ticket's id and the latest update time of any
 * ticket. Each is the end of an index (the primary key, tickets_all_updated), so both dialects answer without
 * reading the table, whatever its size. A reply or change moves updated_at; a new ticket moves the id.
 */
export const INBOX_VERSION_SQL = sql<{
  i: number | null;
  u: number | null;
}>`select (select max(id) from tickets) as i, (select max(updated_at) from tickets) as u`;

export async function inboxVersion(db: DB): Promise<string> {
  const { rows } = await INBOX_VERSION_SQL.execute(db);
  return `${Number(rows[0]?.i ?? 0)}.${Number(rows[0]?.u ?? 0)}`;
}
