import "server-only";
import type { DB } from "../db";
import { fromJson } from "../db/json";
import { hashEvent } from "./seal";

export type ChainProblemKind = "edited" | "missing-before" | "missing-after";

export interface ChainProblem {
  id: number;
  problem: ChainProblemKind;
  /**
   * Set when the problem was found before the events were hashed again (the 2026_12_03_0008 upgrade) or
   * pruned by retention: the id of the audit_checkpoints row that keeps the finding.
   */
  checkpoint?: number;
}

export interface ChainReport {
  checked: number;
  ok: boolean;
  problems: ChainProblem[];
  /** Events with fields removed by an erasure: their digests still seal them, so they are not problems. */
  redacted: number;
  /** Where the walk began: after the last event deleted by retention, or at the start of the trail. */
  startsAfter: { id: number; hash: string } | null;
}

export interface ChainStart {
  afterId: number;
  prevHash: string;
}

export const CHAIN_ORIGIN: ChainStart = { afterId: 0, prevHash: "0".repeat(64) };

/**
 * Walks the events after `start` in id order, up to `throughId` if given. An edited row no longer matches
 * its own hash; a deleted row breaks the link to the next one.
 */
export async function walkChain(db: DB, start: ChainStart, opts: { throughId?: number; batch?: number } = {}) {
  const batch = opts.batch ?? 2000;
  const problems: ChainProblem[] = [];
  let prevHash = start.prevHash;
  let lastId = start.afterId;
  let checked = 0;
  let redacted = 0;
  for (;;) {
    let q = db.selectFrom("audit_events").selectAll().where("id", ">", lastId).orderBy("id").limit(batch);
    if (opts.throughId !== undefined) q = q.where("id", "<=", opts.throughId);
    const rows = await q.execute();
    for (const row of rows) {
      if (row.prev_hash !== prevHash) problems.push({ id: row.id, problem: "missing-before" });
      if (hashEvent(row) !== row.hash) problems.push({ id: row.id, problem: "edited" });
      if (row.redactions) redacted++;
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  return { problems, checked, redacted, lastId, lastHash: prevHash };
}

/** Where the chain now starts: after the last event that retention deleted, if any. */
export async function chainStart(db: DB): Promise<ChainStart> {
  const cp = await db
    .selectFrom("audit_checkpoints")
    .select(["through_id", "through_hash"])
    .where("kind", "=", "pruned")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return cp ? { afterId: cp.through_id, prevHash: cp.through_hash } : CHAIN_ORIGIN;
}

/**
 * Checks the whole trail: from the last retention checkpoint (or the start) to the head. Deleting the newest
 * rows leaves the head pointing at a hash no row has. Problems that an upgrade or a prune found in events it
 * then changed or deleted stay reported: the checkpoint keeps them.
 */
export async function verifyAuditChain(db: DB, batch = 2000): Promise<ChainReport> {
  const start = await chainStart(db);
  const walk = await walkChain(db, start, { batch });
  const problems: ChainProblem[] = [];
  const checkpoints = await db
    .selectFrom("audit_checkpoints")
    .select(["id", "problems"])
    .where("problems", "is not", null)
    .orderBy("id")
    .execute();
  for (const cp of checkpoints) {
    for (const p of fromJson<{ id: number; problem: ChainProblemKind }[]>(cp.problems) ?? [])
      problems.push({ id: p.id, problem: p.problem, checkpoint: cp.id });
  }
  problems.push(...walk.problems);
  const head = await db.selectFrom("audit_head").select(["last_hash", "last_id"]).where("id", "=", 1).executeTakeFirstOrThrow();
  if (head.last_hash !== walk.lastHash) problems.push({ id: head.last_id, problem: "missing-after" });
  return {
    checked: walk.checked,
    ok: problems.length === 0,
    problems,
    redacted: walk.redacted,
    startsAfter: start.afterId > 0 ? { id: start.afterId, hash: start.prevHash } : null,
  };
}
