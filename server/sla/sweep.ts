import "server-only";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import type { TicketPriority } from "../db/schema";
import { transact } from "../db/transact";
import { systemCtx, type RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { notify } from "../notifications/notify";
import { formatDateTime, translate } from "@/lib/i18n";

/**
 * The escalation sweep. It walks `sla_clocks` by `next_check_at` (an index: clocks with nothing left to do have
 * none), so a pass reads only what fell due. Each clock is locked with SKIP LOCKED and its step written with its
 * audit event and email in one transaction, and each step is guarded by its own column (`warned_at`,
 * `breached_at`): two app instances, or a retried job, never take the same step twice.
 *
 * Warning: the assignee, in the last quarter of the target. Breach: the team's lead (the leads when the team has
 * none, or no team), through the notification centre (in-app and email by each person's switches), and the
 * policy's action: raise the priority one step, or give the ticket back to its team.
 * Raising the priority does not move the clocks: the breach stays what it was.
 */

export const SWEEP_BATCH = 500;
const RAISE: Record<TicketPriority, TicketPriority> = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

export interface SweepResult {
  warned: number;
  breached: number;
}

export async function sweepSla(
  db: DB,
  now: number,
  opts: { appUrl?: string; batch?: number; maxBatches?: number } = {},
): Promise<SweepResult> {
  const batch = opts.batch ?? SWEEP_BATCH;
  const total: SweepResult = { warned: 0, breached: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 1000); i++) {
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
    if (done.claimed < batch) break;
  }
  return total;
}

async function sweepBatch(trx: Tx, ctx: RequestCtx, batch: number): Promise<SweepResult & { claimed: number }> {
  const now = ctx.now();
  const claimed = await forUpdate(
    trx,
    trx.selectFrom("sla_clocks").select("id").where("next_check_at", "<=", now).orderBy("next_check_at").orderBy("id").limit(batch),
    { skipLocked: true },
  ).execute();
  const result = { warned: 0, breached: 0, claimed: claimed.length };
  if (claimed.length === 0) return result;
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
      "t.priority",
      "t.assignee_id",
      "t.team_id",
      "p.breach_action",
      "tm.lead_id",
    ])
    .where(
      "c.id",
      "in",
      claimed.map((c) => c.id),
    )
    .execute();
  let leads: number[] | undefined;
  for (const r of rows) {
    // Re-read under the lock: another instance may have moved or finished this clock since the index said so.
    if (r.next_check_at === null || r.next_check_at > now || r.due_at === null) continue;
    const target = translate("en", `sla.metric.${r.metric}`).toLowerCase();
    if (now >= r.due_at && r.breached_at === null) {
      await trx
        .updateTable("sla_clocks")
        .set({ breached_at: now, warned_at: r.warned_at ?? now, next_check_at: null })
        .where("id", "=", r.id)
        .execute();
      await recordAudit(trx, ctx, {
        action: `sla.breached.${r.metric}`,
        entityType: "ticket",
        entityId: r.ticket_id,
        after: { metric: r.metric },
      });
      leads ??= (await trx.selectFrom("users").select("id").where("role", "=", "lead").where("disabled", "=", 0).execute()).map(
        (u) => u.id,
      );
      const userIds = r.lead_id !== null ? [r.lead_id] : leads;
      await notify(trx, ctx, { kind: "sla_breach", userIds, ticketId: r.ticket_id, vars: { subject: r.subject, target } });
      await escalate(trx, ctx, r);
      result.breached++;
    } else if (now >= (r.warn_at ?? r.due_at) && r.warned_at === null) {
      await trx.updateTable("sla_clocks").set({ warned_at: now, next_check_at: r.due_at }).where("id", "=", r.id).execute();
      await recordAudit(trx, ctx, {
        action: `sla.warned.${r.metric}`,
        entityType: "ticket",
        entityId: r.ticket_id,
        after: { metric: r.metric },
      });
      if (r.assignee_id !== null)
        await notify(trx, ctx, {
          kind: "sla_warning",
          userIds: [r.assignee_id],
          ticketId: r.ticket_id,
          vars: { subject: r.subject, target, due: formatDateTime("en", r.due_at) },
        });
      result.warned++;
    }
  }
  return result;
}

/** The policy's action on breach, written as the ordinary ticket change it is (same audit actions as an agent's). */
async function escalate(
  trx: Tx,
  ctx: RequestCtx,
  r: { ticket_id: number; priority: TicketPriority; assignee_id: number | null; team_id: number | null; breach_action: string },
): Promise<void> {
  if (r.breach_action === "raise_priority" && r.priority !== "urgent") {
    const to = RAISE[r.priority];
    await trx.updateTable("tickets").set({ priority: to }).where("id", "=", r.ticket_id).execute();
    await recordAudit(trx, ctx, {
      action: "ticket.priority_changed",
      entityType: "ticket",
      entityId: r.ticket_id,
      before: { priority: r.priority },
      after: { priority: to },
    });
  } else if (r.breach_action === "reassign_team" && r.team_id !== null && r.assignee_id !== null) {
    await trx.updateTable("tickets").set({ assignee_id: null }).where("id", "=", r.ticket_id).execute();
    await recordAudit(trx, ctx, {
      action: "ticket.assigned",
      entityType: "ticket",
      entityId: r.ticket_id,
      before: { assigneeId: r.assignee_id },
      after: { assigneeId: null },
    });
  }
}
