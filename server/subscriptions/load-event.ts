import "server-only";
import type { Kysely } from "kysely";
import type { Database, Incident, Maintenance } from "../db/schema";
import type { Selectable } from "kysely";
import type { IncidentUpdatesTable } from "../db/schema";
import type { StatusEvent } from "../status/events";
import { PermanentJobError } from "../jobs/queue";

export interface EventComponent {
  id: number;
  slug: string;
  name_en: string;
  name_ru: string;
  /** The component's state in this incident; absent for maintenance. */
  status?: string;
}

/** Everything a notification says about one status event, read once per fan-out batch. */
export type LoadedEvent = {
  event: StatusEvent;
  occurredAt: number;
  components: EventComponent[];
} & (
  | { incident: Incident; update: Selectable<IncidentUpdatesTable>; maintenance?: undefined }
  | { maintenance: Maintenance; incident?: undefined; update?: undefined }
);

/** Reads the incident (and the update) or the maintenance of an event; a missing row is permanent. */
export async function loadEvent(db: Kysely<Database>, event: StatusEvent): Promise<LoadedEvent> {
  if ("incidentId" in event) {
    const incident = await db.selectFrom("incidents").selectAll().where("id", "=", event.incidentId).executeTakeFirst();
    const update = await db
      .selectFrom("incident_updates")
      .selectAll()
      .where("id", "=", event.updateId)
      .where("incident_id", "=", event.incidentId)
      .executeTakeFirst();
    if (!incident || !update) throw new PermanentJobError(`incident ${event.incidentId} or update ${event.updateId} not found`);
    const components = await db
      .selectFrom("incident_components as ic")
      .innerJoin("status_components as c", "c.id", "ic.component_id")
      .select(["c.id", "c.slug", "c.name_en", "c.name_ru", "ic.status"])
      .where("ic.incident_id", "=", incident.id)
      .orderBy("c.position")
      .orderBy("c.id")
      .execute();
    return { event, occurredAt: Number(update.created_at), components, incident, update };
  }
  const maintenance = await db.selectFrom("maintenances").selectAll().where("id", "=", event.maintenanceId).executeTakeFirst();
  if (!maintenance) throw new PermanentJobError(`maintenance ${event.maintenanceId} not found`);
  const components = await db
    .selectFrom("maintenance_components as mc")
    .innerJoin("status_components as c", "c.id", "mc.component_id")
    .select(["c.id", "c.slug", "c.name_en", "c.name_ru"])
    .where("mc.maintenance_id", "=", maintenance.id)
    .orderBy("c.position")
    .orderBy("c.id")
    .execute();
  return { event, occurredAt: Number(maintenance.updated_at), components, maintenance };
}

/** Validates a `status.notify` payload: anything else is a bug in the emitter, not worth retrying. */
export function parseStatusEvent(payload: unknown): StatusEvent {
  const p = payload as Record<string, unknown> | null;
  const id = (k: string) => typeof p?.[k] === "number" && Number.isInteger(p[k]) && (p[k] as number) > 0;
  switch (p?.type) {
    case "incident.opened":
    case "incident.updated":
    case "incident.resolved":
      if (id("incidentId") && id("updateId")) return { type: p.type, incidentId: p.incidentId as number, updateId: p.updateId as number };
      break;
    case "maintenance.scheduled":
    case "maintenance.started":
    case "maintenance.completed":
    case "maintenance.cancelled":
      if (id("maintenanceId")) return { type: p.type, maintenanceId: p.maintenanceId as number };
      break;
  }
  throw new PermanentJobError(`not a status event: ${JSON.stringify(payload).slice(0, 200)}`);
}
