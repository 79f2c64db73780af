import type { DB } from "../db";
import type { Actor } from "../context";
import { apiAs } from "@/tests/factories";

/** Test helpers for the status areas: components made through the API, and what the tables hold. */
export async function makeComponents(db: DB, lead: Actor, slugs: string[]): Promise<number[]> {
  const api = apiAs(db, lead);
  const ids: number[] = [];
  for (const slug of slugs)
    ids.push((await api.status.components.create({ slug, nameEn: slug.replace(/-/g, " "), nameRu: `${slug} ru` })).id);
  return ids;
}

export async function componentStatus(db: DB, id: number): Promise<string> {
  return (await db.selectFrom("status_components").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

export async function auditActions(db: DB, entityType: string, entityId: number | string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_events")
    .select("action")
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", String(entityId))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.action);
}

export async function statusEvents(db: DB): Promise<{ type: string; incidentId?: number; maintenanceId?: number; updateId?: number }[]> {
  const rows = await db.selectFrom("jobs").select("payload").where("type", "=", "status.notify").orderBy("id").execute();
  return rows.map((r) => JSON.parse(r.payload));
}

/** Everything the status tables hold, to prove that a refused call changed nothing. */
export async function statusSnapshot(db: DB) {
  const all = async <
    T extends
      | "status_groups"
      | "status_components"
      | "incidents"
      | "incident_components"
      | "incident_updates"
      | "incident_tickets"
      | "maintenances"
      | "maintenance_components"
      | "tickets"
      | "ticket_messages"
      | "audit_events"
      | "jobs",
  >(
    t: T,
  ) =>
    db
      .selectFrom(t)
      .selectAll()
      .execute()
      .then((rows) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
  const tables = [
    "status_groups",
    "status_components",
    "incidents",
    "incident_components",
    "incident_updates",
    "incident_tickets",
    "maintenances",
    "maintenance_components",
    "tickets",
    "ticket_messages",
    "audit_events",
    "jobs",
  ] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await all(t)])));
}

/** A ticket filed by `requesterId` at `createdAt`, inserted directly so tests control its time. */
export async function makeTicket(
  db: DB,
  requesterId: number,
  createdAt: number,
  subject: string,
  description = "No further details given.",
): Promise<number> {
  const res = await db
    .insertInto("tickets")
    .values({
      requester_id: requesterId,
      assignee_id: null,
      subject,
      description,
      steps: "",
      expected: "",
      actual: "",
      page_url: "",
      priority: "normal",
      status: "new",
      is_open: 1,
      created_at: createdAt,
      updated_at: createdAt,
      first_response_at: null,
      solved_at: null,
    })
    .executeTakeFirstOrThrow();
  return Number(res.insertId);
}
