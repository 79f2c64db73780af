import type { Tx } from "../db/dialect";
import type { ComponentStatus, MonitorState } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { isUnderMaintenance } from "./maintenance";

/** Statuses the monitors set and may take back; anything else (partial outage, maintenance) is staff's word. */
const MONITOR_OWNED: ComponentStatus[] = ["operational", "degraded", "major_outage"];

export function componentStatusFor(states: MonitorState[]): ComponentStatus {
  if (states.includes("down")) return "major_outage";
  if (states.includes("degraded")) return "degraded";
  return "operational";
}

/**
 * Sets the component to the worst state of its enabled monitors. Never during maintenance; an outage
 * always shows, but a recovery does not overwrite a status staff chose by hand.
 */
export async function syncComponentStatus(trx: Tx, ctx: RequestCtx, componentId: number | null, now: number): Promise<void> {
  if (componentId === null || (await isUnderMaintenance(trx, componentId, now))) return;
  const component = await trx.selectFrom("status_components").select(["id", "status"]).where("id", "=", componentId).executeTakeFirst();
  if (!component || component.status === "maintenance") return;
  const monitors = await trx
    .selectFrom("monitors")
    .select("state")
    .where("component_id", "=", componentId)
    .where("enabled", "=", 1)
    .execute();
  const next = componentStatusFor(monitors.map((m) => m.state));
  if (next === component.status) return;
  if (next !== "major_outage" && !MONITOR_OWNED.includes(component.status)) return;
  await trx.updateTable("status_components").set({ status: next, updated_at: now }).where("id", "=", componentId).execute();
  await recordAudit(trx, ctx, {
    action: "component.status_changed",
    entityType: "status_component",
    entityId: componentId,
    before: { status: component.status },
    after: { status: next, by: "monitor" },
  });
}
