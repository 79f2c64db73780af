import "server-only";
import type { DB } from "../db";
import { DAY_MS } from "./rollups";

export const DEFAULT_CHECK_RETENTION_DAYS = 14;
export const HOURLY_ROLLUP_RETENTION_DAYS = 90;
const BATCH = 5000;

/**
 * Deletes raw checks older than `checkDays` and hourly rollups older than 90 days; daily rollups stay.
 * Raw checks go in batches of ids so neither database holds a long lock on a big table.
 */
export async function pruneMonitorHistory(
  db: DB,
  now: number,
  opts: { checkDays?: number; hourlyDays?: number } = {},
): Promise<{ checks: number; hourly: number }> {
  const checkCutoff = now - (opts.checkDays ?? DEFAULT_CHECK_RETENTION_DAYS) * DAY_MS;
  const hourlyCutoff = now - (opts.hourlyDays ?? HOURLY_ROLLUP_RETENTION_DAYS) * DAY_MS;
  let checks = 0;
  for (;;) {
    const ids = await db
      .selectFrom("monitor_checks")
      .select("id")
      .where("checked_at", "<", checkCutoff)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (ids.length === 0) break;
    const res = await db
      .deleteFrom("monitor_checks")
      .where(
        "id",
        "in",
        ids.map((r) => r.id),
      )
      .executeTakeFirst();
    checks += Number(res.numDeletedRows);
    if (ids.length < BATCH) break;
  }
  const hourly = await db
    .deleteFrom("monitor_rollups")
    .where("period", "=", "hour")
    .where("bucket_start", "<", hourlyCutoff)
    .executeTakeFirst();
  return { checks, hourly: Number(hourly.numDeletedRows) };
}
