import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import { transact } from "../db/transact";
import { systemCtx, type RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notifyMany, type NotifyInput } from "../notifications/notify";
import { escalate, type Breach } from "./escalate";

/**
 * The escalation sweep. It walks `sla_clocks` by `next_check_at` (an index: clocks with nothing left to do have
 * none), so a pass reads only what fell due. A batch of clocks is claimed with SKIP LOCKED and its steps written
 * together, set-based: one UPDATE for the warned clocks and one for the breached ones (each guarded by its own
 * column, `warned_at` / `breached_at`), every step's audit event, the notifications of the whole batch at once
 * (notifyMany) and the escalations (escalate.ts). Two app instances, or a retried job, never take the same step
 * twice: the claim skips what another holds, and the guard columns refuse a step already taken.
 *
 * Warning: the assignee, in the last quarter of the target. Breach: the team's lead (the leads when the team has
 * none, or no team), through the notification centre (in-app and email by each person's switches), and the
 * policy's action (escalate.ts).
 */

export const SWEEP_BATCH = 500;
/**
 * Workers of the sweep job: two connections side by side took 10,000 due clocks at a million tickets in 3.2 s
 * against 5.5 s for one (bench/sla-sweep.mts, BENCHMARKS.md); on SQLite they take turns.
 */
export const SWEEP_WORKERS = 2;

export interface SweepResult {
  warned: number;
  breached: number;
}

/**
 * Sweeps everything due at `now`: batch after batch until one comes back short. `workers` run side by side, each
 * on its own connection and transactions (SKIP LOCKED gives them different clocks); on SQLite, a single writer,
 * they simply take turns.
 */
export async function sweepSla(
  db: DB,
  now: number,
  opts: { batch?: number; maxBatches?: number; workers?: number } = {},
): Promise<SweepResult> {
  const batch = opts.batch ?? SWEEP_BATCH;
  const total: SweepResult = { warned: 0, breached: 0 };
  let batchesLeft = opts.maxBatches ?? 1000;
  const worker = async () => {
    while (batchesLeft-- > 0) {
      const done = await transact(
        db,
        (trx) =>
          sweepBatch(
            trx,
            systemCtx(() => now),
            batch,
          ),
        { readCommitted: true },
      );
      total.warned += done.warned;
      total.breached += done.breached;
      if (done.claimed < batch) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers ?? 1) }, worker));
  return total;
}

async function sweepBatch(trx: Tx, ctx: RequestCtx, batch: number): Promise<SweepResult & { claimed: number }> {
  const now = ctx.now();
  const claimed = await forUpdate(
    trx,
    trx.selectFrom("sla_clocks").select("id").where("next_check_at", "<=", now).orderBy("next_check_at").orderBy("id").limit(batch),
    { skipLocked: true },
  ).execute();
  if (claimed.length === 0) return { warned: 0, breached: 0, claimed: 0 };
  const rows = await trx
    .selectFrom("sla_clocks as c")
    .innerJoin("tickets as t", "t.id", "c.ticket_id")
    .innerJoin("sla_policies as p", "p.id", "c.policy_id")
    .leftJoin("teams as tm", "tm.id", "t.team_id")
    .select([
      "c.id",
      "c.ticket_id",
      "c.metric",
      "c.due_at",
      "c.warn_at",
      "c.warned_at",
      "c.breached_at",
      "c.next_check_at",
      "t.subject",
      "t.assignee_id",
      "p.breach_action",
      "tm.lead_id",
    ])
    .where(
      "c.id",
      "in",
      claimed.map((c) => c.id),
    )
    .orderBy("c.id")
    .execute();
  // Re-read under the lock: another instance may have moved or finished a clock since the index said so.
  const due = rows.filter((r) => r.next_check_at !== null && r.next_check_at <= now && r.due_at !== null);
  const breaches = due.filter((r) => now >= r.due_at! && r.breached_at === null);
  const warnings = due.filter((r) => now < r.due_at! && now >= (r.warn_at ?? r.due_at!) && r.warned_at === null);

  if (warnings.length)
    await trx
      .updateTable("sla_clocks")
      .set((eb) => ({ warned_at: now, next_check_at: eb.ref("due_at") }))
      .where(
        "id",
        "in",
        warnings.map((r) => r.id),
      )
      .where("warned_at", "is", null)
      .where("breached_at", "is", null)
      .execute();
  if (breaches.length)
    await trx
      .updateTable("sla_clocks")
      .set((eb) => ({ breached_at: now, warned_at: eb.fn.coalesce("warned_at", eb.val(now)), next_check_at: null }))
      .where(
        "id",
        "in",
        breaches.map((r) => r.id),
      )
      .where("breached_at", "is", null)
      .execute();

  for (const r of warnings)
    await recordAudit(trx, ctx, {
      action: `sla.warned.${r.metric}`,
      entityType: "ticket",
      entityId: r.ticket_id,
      after: { metric: r.metric },
    });
  for (const r of breaches)
    await recordAudit(trx, ctx, {
      action: `sla.breached.${r.metric}`,
      entityType: "ticket",
      entityId: r.ticket_id,
      after: { metric: r.metric },
    });

  const leads = breaches.some((r) => r.lead_id === null) ? await activeLeads(trx) : [];
  const notices: NotifyInput[] = [
    ...warnings
      .filter((r) => r.assignee_id !== null)
      .map((r) => ({
        kind: "sla_warning" as const,
        userIds: [r.assignee_id!],
        ticketId: r.ticket_id,
        vars: { subject: r.subject, metric: r.metric, dueAt: r.due_at! },
      })),
    ...breaches.map((r) => ({
      kind: "sla_breach" as const,
      userIds: r.lead_id !== null ? [r.lead_id] : leads,
      ticketId: r.ticket_id,
      vars: { subject: r.subject, metric: r.metric },
    })),
  ];
  await notifyMany(trx, ctx, notices);
  await escalate(trx, ctx, breaches as Breach[]);
  return { warned: warnings.length, breached: breaches.length, claimed: claimed.length };
}

/** Who hears of a breach on a ticket whose team has no lead (or that has no team): every active lead. */
async function activeLeads(trx: Tx): Promise<number[]> {
  const rows = await trx.selectFrom("users").select("id").where("role", "=", "lead").where("disabled", "=", 0).execute();
  return rows.map((u) => u.id);
}
