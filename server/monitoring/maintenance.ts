import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/**
 * True when a maintenance window covers the component now: one in progress, or a scheduled one whose
 * window has started (the job that starts it may not have run yet). Checks during maintenance count as
 * `maintenance` in the history and never open incidents.
 */
export async function isUnderMaintenance(executor: Kysely<Database>, componentId: number | null, now: number): Promise<boolean> {
  if (componentId === null) return false;
  const row = await executor
    .selectFrom("maintenances as m")
    .innerJoin("maintenance_components as mc", "mc.maintenance_id", "m.id")
    .select("m.id")
    .where("mc.component_id", "=", componentId)
    .where((eb) =>
      eb.or([
        eb("m.status", "=", "in_progress"),
        eb.and([eb("m.status", "=", "scheduled"), eb("m.starts_at", "<=", now), eb("m.ends_at", ">", now)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
