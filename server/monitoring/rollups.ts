import "server-only";
import type { Kysely } from "kysely";
import { upsertAdd } from "../db/dialect";
import type { CheckResult, Database } from "../db/schema";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export type RollupPeriod = "hour" | "day";
export type RollupBucket = CheckResult | "maintenance";

/** Start of the UTC hour or day holding `t` (epoch ms count from a UTC midnight, so flooring is exact). */
export function bucketStart(t: number, period: RollupPeriod): number {
  const size = period === "hour" ? HOUR_MS : DAY_MS;
  return Math.floor(t / size) * size;
}

/** Adds one check to its hourly and daily rows: one upsert each, whatever the dialect. */
export async function addToRollups(
  executor: Kysely<Database>,
  monitorId: number,
  checkedAt: number,
  bucket: RollupBucket,
  latencyMs: number | null,
): Promise<void> {
  for (const period of ["hour", "day"] as const) {
    await upsertAdd(
      executor,
      "monitor_rollups",
      { monitor_id: monitorId, period, bucket_start: bucketStart(checkedAt, period) },
      {
        checks: 1,
        up: bucket === "up" ? 1 : 0,
        degraded: bucket === "degraded" ? 1 : 0,
        down: bucket === "down" ? 1 : 0,
        maintenance: bucket === "maintenance" ? 1 : 0,
        latency_sum: latencyMs ?? 0,
        latency_count: latencyMs === null ? 0 : 1,
      },
      { latency_max: latencyMs ?? 0 },
    );
  }
}
