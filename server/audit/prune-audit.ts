import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { toJson } from "../db/json";
import { transact } from "../db/transact";
import { recordAudit } from "./record-audit";
import { chainStart, walkChain } from "./verify-chain";

export interface PruneResult {
  /** The newest event deleted, or null when nothing was old enough. */
  throughId: number | null;
  deleted: number;
}

/**
 * Deletes the audit events older than `cutoff` while keeping the rest verifiable: the oldest young event
 * and everything before it decide the cut (no event written after the cutoff goes, even with a skewed
 * clock); the part to delete is checked first; a checkpoint with the hash of the last deleted event (where
 * the check of the chain starts from now on) and an `audit.pruned` event are written together; then the rows
 * go, in small batches. If that stops half way, the next run deletes the rest: the checkpoint already
 * excludes them.
 */
export async function pruneAuditEvents(db: DB, ctx: RequestCtx, cutoff: number): Promise<PruneResult> {
  const start = await chainStart(db);
  const firstYoung = await db
    .selectFrom("audit_events")
    .select("id")
    .where("id", ">", start.afterId)
    .where("created_at", ">=", cutoff)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  let last = db.selectFrom("audit_events").select(["id", "hash"]).where("id", ">", start.afterId).orderBy("id", "desc").limit(1);
  if (firstYoung) last = last.where("id", "<", firstYoung.id);
  const through = await last.executeTakeFirst();
  if (!through) return { throughId: null, deleted: await deleteThrough(db, start.afterId) };

  const walk = await walkChain(db, start, { throughId: through.id });
  await transact(db, async (trx) => {
    await trx
      .insertInto("audit_checkpoints")
      .values({
        kind: "pruned",
        through_id: through.id,
        through_hash: through.hash,
        legacy_hash: null,
        checked: walk.checked,
        problems: walk.problems.length ? toJson(walk.problems.slice(0, 1000)) : null,
        created_at: ctx.now(),
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: "audit.pruned",
      entityType: "audit",
      entityId: through.id,
      after: { throughId: through.id, throughHash: through.hash, events: walk.checked, problems: walk.problems.length },
    });
  });
  return { throughId: through.id, deleted: await deleteThrough(db, through.id) };
}

/** Deletes every event up to `throughId`, a few thousand rows per statement. */
async function deleteThrough(db: DB, throughId: number): Promise<number> {
  const first = await db.selectFrom("audit_events").select("id").where("id", "<=", throughId).orderBy("id").limit(1).executeTakeFirst();
  if (!first) return 0;
  let deleted = 0;
  for (let lo = first.id - 1; lo < throughId; lo += 5000) {
    const res = await db
      .deleteFrom("audit_events")
      .where("id", ">", lo)
      .where("id", "<=", Math.min(lo + 5000, throughId))
      .executeTakeFirst();
    deleted += Number(res.numDeletedRows);
  }
  return deleted;
}
