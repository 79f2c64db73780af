import "server-only";
import type { DB } from "../db";
import { systemCtx } from "../context";
import { completeMaintenanceInTx, lockMaintenanceOrThrow, startMaintenanceInTx } from "./maintenance";
import { transact } from "../db/transact";

/**
 * Moves windows along the clock: scheduled -> in_progress at the start, -> completed at the end. Each
 * window in its own transaction, re-checked under lock, so two instances running this at once do each once.
 */
export async function advanceMaintenances(db: DB, now: number): Promise<{ started: number[]; completed: number[] }> {
  const ctx = systemCtx(() => now);
  const started: number[] = [];
  const completed: number[] = [];
  const due = await db
    .selectFrom("maintenances")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "scheduled"), eb("starts_at", "<=", now)]),
        eb.and([eb("status", "=", "in_progress"), eb("ends_at", "<=", now)]),
      ]),
    )
    .orderBy("starts_at")
    .orderBy("id")
    .limit(100)
    .execute();
  for (const { id } of due) {
    const moved = await transact(db, async (trx) => {
      const m = await lockMaintenanceOrThrow(trx, id);
      if (m.status === "scheduled" && m.starts_at <= now && m.ends_at > now) {
        await startMaintenanceInTx(trx, ctx, m);
        return "started" as const;
      }
      if ((m.status === "scheduled" || m.status === "in_progress") && m.ends_at <= now) {
        await completeMaintenanceInTx(trx, ctx, m);
        return "completed" as const;
      }
      return null;
    });
    if (moved === "started") started.push(id);
    if (moved === "completed") completed.push(id);
  }
  return { started, completed };
}
