import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { makeAgent, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { manualClock } from "../clock";
import { systemCtx } from "../context";
import { fromJson } from "../db/json";
import { makeComponent, makeMonitor, startHttpServer, tick } from "./test-helpers";
import { resolveQuietIncidents } from "./auto-incidents";

const INTERVAL = 30_000;

async function componentStatus(db: DB, id: number) {
  return (await db.selectFrom("status_components").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}
async function monitorState(db: DB, id: number) {
  return (await db.selectFrom("monitors").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;
}
async function incidentsOf(db: DB, monitorId: number) {
  return db.selectFrom("incidents").selectAll().where("monitor_id", "=", monitorId).orderBy("id").execute();
}
async function statusEvents(db: DB) {
  const rows = await db.selectFrom("jobs").select("payload").where("type", "=", "status.notify").orderBy("id").execute();
  return rows.map((r) => (fromJson(r.payload) as { type: string }).type);
}

describeEachDialect("outage: flap protection, automatic incident, recovery, quiet resolution", (use) => {
  const clock = manualClock();
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let onDuty: Actor, lead: Actor;
  let componentId: number, monitorId: number;

  beforeAll(async () => {
    const db = use();
    server = await startHttpServer();
    [onDuty, lead] = await Promise.all([makeAgent(db), makeLead(db)]);
    await db.updateTable("users").set({ on_duty: 1 }).where("id", "=", onDuty.id).execute();
    componentId = await makeComponent(db, clock.now(), "Public API");
    monitorId = (
      await makeMonitor(
        db,
        clock,
        { kind: "http", name: "API health", target: server.url, componentId, intervalS: 30, failThreshold: 3, recoverThreshold: 2 },
        lead,
      )
    ).id;
  });
  afterAll(() => server.close());

  it("stays up through fewer failures than the threshold", async () => {
    const db = use();
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("up");
    server.set({ status: 500 });
    await tick(db, clock, INTERVAL);
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("up");
    expect(await incidentsOf(db, monitorId)).toHaveLength(0);
    expect(await componentStatus(db, componentId)).toBe("operational");
  });

  it("the third failure opens an incident, breaks the component, alerts and emails the staff on duty", async () => {
    const db = use();
    const openedAt = clock.now();
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("down");
    const [incident] = await incidentsOf(db, monitorId);
    expect(incident).toMatchObject({
      title: "Public API is not responding",
      status: "investigating",
      impact: "major",
      auto: 1,
      resolved_at: null,
    });
    expect(Number(incident.started_at)).toBe(openedAt);
    expect(await db.selectFrom("incident_updates").select("status").where("incident_id", "=", incident.id).execute()).toEqual([
      { status: "investigating" },
    ]);
    expect(
      await db.selectFrom("incident_components").select(["component_id", "status"]).where("incident_id", "=", incident.id).execute(),
    ).toEqual([{ component_id: componentId, status: "major_outage" }]);
    expect(await componentStatus(db, componentId)).toBe("major_outage");
    expect(await statusEvents(db)).toEqual(["incident.opened"]);
    const alerts = await db.selectFrom("monitor_alerts").selectAll().where("monitor_id", "=", monitorId).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ incident_id: incident.id, closed_at: null, acknowledged_at: null });
    const mails = await db.selectFrom("outbox_emails").select(["to_address", "subject"]).execute();
    expect(mails).toEqual([{ to_address: onDuty.email, subject: "[Mayak] API health is down" }]);
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_role"])
      .where("action", "in", ["incident.opened", "monitor.state_changed"])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["incident.opened", "monitor.state_changed", "monitor.state_changed"]);
    expect(audit.every((a) => a.actor_role === "anonymous")).toBe(true);
  });

  it("further failures change nothing; recover_threshold successes move the incident to monitoring", async () => {
    const db = use();
    await tick(db, clock, INTERVAL);
    expect(await incidentsOf(db, monitorId)).toHaveLength(1);
    server.set({ status: 200 });
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("down");
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("up");
    const [incident] = await incidentsOf(db, monitorId);
    expect(incident.status).toBe("monitoring");
    expect(await componentStatus(db, componentId)).toBe("operational");
    expect(await statusEvents(db)).toEqual(["incident.opened", "incident.updated"]);
  });

  it("resolves itself after the quiet period, and closes the alert", async () => {
    const db = use();
    const ctx = systemCtx(clock.now);
    expect(await resolveQuietIncidents(db, ctx, 10 * 60_000)).toBe(0);
    // A single failure (below the threshold) restarts the quiet period.
    clock.advance(5 * 60_000);
    server.set({ status: 500 });
    await tick(db, clock, INTERVAL);
    server.set({ status: 200 });
    await tick(db, clock, 6 * 60_000);
    expect(await resolveQuietIncidents(db, ctx, 10 * 60_000)).toBe(0);
    clock.advance(4 * 60_000);
    expect(await resolveQuietIncidents(db, ctx, 10 * 60_000)).toBe(1);
    const [incident] = await incidentsOf(db, monitorId);
    expect(incident.status).toBe("resolved");
    expect(Number(incident.resolved_at)).toBe(clock.now());
    expect(
      (await db.selectFrom("incident_updates").select("status").where("incident_id", "=", incident.id).orderBy("id").execute()).map(
        (u) => u.status,
      ),
    ).toEqual(["investigating", "monitoring", "resolved"]);
    expect(await statusEvents(db)).toEqual(["incident.opened", "incident.updated", "incident.resolved"]);
    const alert = await db.selectFrom("monitor_alerts").selectAll().where("monitor_id", "=", monitorId).executeTakeFirstOrThrow();
    expect(Number(alert.closed_at)).toBe(clock.now());
  });

  it("a new outage after resolution opens a new incident", async () => {
    const db = use();
    server.set({ status: 500 });
    for (let i = 0; i < 3; i++) await tick(db, clock, INTERVAL);
    const incidents = await incidentsOf(db, monitorId);
    expect(incidents.map((i) => i.status)).toEqual(["resolved", "investigating"]);
  });

  it("does not fight staff: an incident they resolved gets no automatic update, its alert closes on recovery", async () => {
    const db = use();
    const open = (await incidentsOf(db, monitorId))[1];
    await db.updateTable("incidents").set({ status: "resolved", resolved_at: clock.now() }).where("id", "=", open.id).execute();
    const updatesBefore = await db.selectFrom("incident_updates").select("id").where("incident_id", "=", open.id).execute();
    await tick(db, clock, INTERVAL);
    expect(await incidentsOf(db, monitorId)).toHaveLength(2);
    server.set({ status: 200 });
    await tick(db, clock, INTERVAL);
    await tick(db, clock, INTERVAL);
    expect(await monitorState(db, monitorId)).toBe("up");
    expect(await db.selectFrom("incident_updates").select("id").where("incident_id", "=", open.id).execute()).toEqual(updatesBefore);
    expect((await incidentsOf(db, monitorId))[1].status).toBe("resolved");
    expect(
      await db.selectFrom("monitor_alerts").select("id").where("monitor_id", "=", monitorId).where("closed_at", "is", null).execute(),
    ).toEqual([]);
  });
});

describeEachDialect("degraded and maintenance", (use) => {
  const clock = manualClock();
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());

  it("a slow response marks the component degraded without an incident", async () => {
    const db = use();
    const componentId = await makeComponent(db, clock.now(), "Search");
    const { id } = await makeMonitor(db, clock, {
      kind: "http",
      name: "Search",
      target: server.url,
      componentId,
      config: { degradedMs: 400 },
    });
    server.set({ delayMs: 600 });
    await tick(db, clock, 60_000);
    expect(await monitorState(db, id)).toBe("degraded");
    expect(await componentStatus(db, componentId)).toBe("degraded");
    expect(await incidentsOf(db, id)).toHaveLength(0);
    server.set({ delayMs: 0 });
    await tick(db, clock, 60_000);
    expect(await componentStatus(db, componentId)).toBe("operational");
    await db.updateTable("monitors").set({ enabled: 0 }).where("id", "=", id).execute();
  });

  it("failures during maintenance open no incident and count as maintenance; an outage that outlasts it does", async () => {
    const db = use();
    const componentId = await makeComponent(db, clock.now(), "Billing");
    const res = await db
      .insertInto("maintenances")
      .values({
        title: "DB upgrade",
        body: "",
        starts_at: clock.now() - 60_000,
        ends_at: clock.now() + 3_600_000,
        status: "in_progress",
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .executeTakeFirstOrThrow();
    const maintenanceId = Number(res.insertId);
    await db.insertInto("maintenance_components").values({ maintenance_id: maintenanceId, component_id: componentId }).execute();
    await db.updateTable("status_components").set({ status: "maintenance" }).where("id", "=", componentId).execute();
    const { id } = await makeMonitor(db, clock, {
      kind: "http",
      name: "Billing",
      target: server.url,
      componentId,
      intervalS: 60,
      failThreshold: 2,
    });
    server.set({ status: 502 });
    for (let i = 0; i < 3; i++) await tick(db, clock, 60_000);
    expect(await monitorState(db, id)).toBe("down");
    expect(await incidentsOf(db, id)).toHaveLength(0);
    expect(await db.selectFrom("monitor_alerts").select("id").where("monitor_id", "=", id).execute()).toHaveLength(0);
    expect(await componentStatus(db, componentId)).toBe("maintenance");
    const day = await db
      .selectFrom("monitor_rollups")
      .selectAll()
      .where("monitor_id", "=", id)
      .where("period", "=", "day")
      .executeTakeFirstOrThrow();
    expect(day).toMatchObject({ checks: 3, maintenance: 3, down: 0, up: 0 });

    await db.updateTable("maintenances").set({ status: "completed" }).where("id", "=", maintenanceId).execute();
    await db.updateTable("status_components").set({ status: "operational" }).where("id", "=", componentId).execute();
    await tick(db, clock, 60_000);
    expect((await incidentsOf(db, id)).map((i) => i.status)).toEqual(["investigating"]);
    expect(await componentStatus(db, componentId)).toBe("major_outage");
    await tick(db, clock, 60_000);
    expect(await incidentsOf(db, id)).toHaveLength(1);
  });
});
