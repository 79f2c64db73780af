import "server-only";
import type { DB, Tx } from "../db";
import { transact } from "../db/transact";
import { systemCtx } from "../context";
import { enqueueJob } from "../jobs/queue";
import { loadPolicies } from "./policies";
import { applyPolicies } from "./apply-policy";

export const RECOMPUTE_BATCH = 200;

/** After a policy or calendar edit: the open tickets follow it, by a job (a batch per run, then the next). */
export async function requestRecompute(trx: Tx, now: number): Promise<void> {
  await enqueueJob(trx, now, { type: "sla.recompute", payload: { afterId: 0 } });
}

/**
 * One batch of open tickets, in id order after `afterId`: each chooses its policy again and its clocks move onto
 * the current targets and calendars (recorded results stay as they are). Enqueues the next batch while any is left.
 */
export async function recomputeOpenTickets(db: DB, now: () => number, input: { afterId?: number }): Promise<number> {
  const ctx = systemCtx(now);
  return transact(db, async (trx) => {
    const policies = await loadPolicies(trx);
    const tickets = await trx
      .selectFrom("tickets")
      .selectAll()
      .where("is_open", "=", 1)
      .where("id", ">", input.afterId ?? 0)
      .orderBy("is_open")
      .orderBy("id")
      .limit(RECOMPUTE_BATCH)
      .execute();
    await applyPolicies(trx, ctx, tickets, policies);
    if (tickets.length === RECOMPUTE_BATCH)
      await enqueueJob(trx, now(), { type: "sla.recompute", payload: { afterId: tickets[tickets.length - 1].id } });
    return tickets.length;
  });
}
