import "server-only";
import type { Tx } from "../db/dialect";
import type { RequestCtx } from "../context";
import { recomputeComponentStatus } from "../components/recompute-status";

/**
 * After a monitor changes, its component shows the worst of its incidents, maintenance and monitors:
 * the same single rule incidents and maintenance use (server/components/recompute-status.ts).
 */
export async function syncComponentStatus(trx: Tx, ctx: RequestCtx, componentId: number | null, _now: number): Promise<void> {
  if (componentId !== null) await recomputeComponentStatus(trx, ctx, componentId);
}
