import "server-only";
import type { DB } from "../db";
import { hashEvent } from "./record-audit";

export interface ChainProblem {
  id: number;
  problem: "edited" | "missing-before" | "missing-after";
}

export interface ChainReport {
  checked: number;
  ok: boolean;
  problems: ChainProblem[];
}

/**
 * Walks the chain in id order. An edited row no longer matches its own hash; a deleted row breaks the
 * link to the next one; deleting the newest rows leaves the head pointing at a hash no row has.
 */
export async function verifyAuditChain(db: DB, batch = 2000): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let prevHash = "0".repeat(64);
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_events").selectAll().where("id", ">", lastId).orderBy("id").limit(batch).execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) problems.push({ id: row.id, problem: "missing-before" });
      if (hashEvent(row) !== row.hash) problems.push({ id: row.id, problem: "edited" });
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = await db.selectFrom("audit_head").select(["last_hash", "last_id"]).where("id", "=", 1).executeTakeFirstOrThrow();
  if (head.last_hash !== prevHash) problems.push({ id: head.last_id, problem: "missing-after" });
  return { checked, ok: problems.length === 0, problems };
}
