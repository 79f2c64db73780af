import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeLead } from "@/tests/factories";
import { manualClock } from "../clock";
import type { Actor } from "../context";
import { incidentJobs, MAINTENANCE_TICK_JOB } from "./jobs";
import { auditActions, componentStatus, makeComponents, statusEvents } from "./testing";

const HOUR = 3_600_000;

describeEachDialect("scheduled maintenance", (use) => {
  let lead: Actor;
  const clock = manualClock();
  beforeAll(async () => {
    lead = await makeLead(use());
  });

  async function tick() {
    const handler = incidentJobs(use()).handlers[MAINTENANCE_TICK_JOB];
    await handler({}, { jobId: 0, attempt: 1, maxAttempts: 1, now: clock.now });
  }

  it("is announced, starts and completes on the clock, moving its components to maintenance and back", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const [a, b, other] = await makeComponents(db, lead, ["m-db", "m-api", "m-other"]);
    const before = (await statusEvents(db)).length;
    const { id } = await api.status.maintenance.schedule({
      title: "Database upgrade",
      body: "Short read-only period.",
      startsAt: clock.now() + HOUR,
      endsAt: clock.now() + 2 * HOUR,
      componentIds: [a, b],
    });
    await tick();
    expect(await componentStatus(db, a)).toBe("operational");

    clock.advance(HOUR);
    await tick();
    expect(await componentStatus(db, a)).toBe("maintenance");
    expect(await componentStatus(db, b)).toBe("maintenance");
    expect(await componentStatus(db, other)).toBe("operational");
    expect((await api.status.maintenance.list()).current.find((m) => m.id === id)?.status).toBe("in_progress");

    // An incident during the window shows through; when the window ends the incident still holds its component.
    const inc = await api.status.incidents.open({
      title: "Replica lag",
      impact: "minor",
      components: [{ componentId: b, status: "degraded" }],
      body: "Lag",
    });
    expect(await componentStatus(db, b)).toBe("degraded");

    clock.advance(HOUR);
    await tick();
    await tick();
    expect(await componentStatus(db, a)).toBe("operational");
    expect(await componentStatus(db, b)).toBe("degraded");
    await api.status.incidents.resolve({ incidentId: inc.id, body: "ok" });
    expect(await componentStatus(db, b)).toBe("operational");

    const m = await db.selectFrom("maintenances").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(m.status).toBe("completed");
    const types = (await statusEvents(db))
      .slice(before)
      .filter((e) => e.maintenanceId === id)
      .map((e) => e.type);
    expect(types).toEqual(["maintenance.scheduled", "maintenance.started", "maintenance.completed"]);
    expect(await auditActions(db, "maintenance", id)).toEqual(["maintenance.scheduled", "maintenance.started", "maintenance.completed"]);
    const system = await db
      .selectFrom("audit_events")
      .select(["actor_id", "actor_role", "ip"])
      .where("entity_type", "=", "maintenance")
      .where("entity_id", "=", String(id))
      .where("action", "=", "maintenance.started")
      .executeTakeFirstOrThrow();
    expect(system).toEqual({ actor_id: null, actor_role: "anonymous", ip: "system" });
  });

  it("edits a scheduled window, cancels it, and ends a running one early", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const [c, d] = await makeComponents(db, lead, ["m-edit-c", "m-edit-d"]);
    const first = await api.status.maintenance.schedule({
      title: "Patch",
      startsAt: clock.now() + HOUR,
      endsAt: clock.now() + 2 * HOUR,
      componentIds: [c],
    });
    await api.status.maintenance.edit({
      id: first.id,
      title: "Patch night",
      body: "",
      startsAt: clock.now() + HOUR,
      endsAt: clock.now() + 3 * HOUR,
      componentIds: [d],
    });
    await api.status.maintenance.cancel({ id: first.id });
    clock.advance(HOUR);
    await tick();
    expect(await componentStatus(db, d)).toBe("operational");
    expect(
      await errorCode(api.status.maintenance.edit({ id: first.id, title: "Again", startsAt: clock.now(), endsAt: clock.now() + HOUR })),
    ).toBe("CONFLICT");

    const second = await api.status.maintenance.schedule({
      title: "Swap disks",
      startsAt: clock.now(),
      endsAt: clock.now() + HOUR,
      componentIds: [c],
    });
    await tick();
    expect(await componentStatus(db, c)).toBe("maintenance");
    await api.status.maintenance.edit({
      id: second.id,
      title: "Swap disks",
      startsAt: clock.now(),
      endsAt: clock.now() + HOUR,
      componentIds: [d],
    });
    expect(await componentStatus(db, c)).toBe("operational");
    expect(await componentStatus(db, d)).toBe("maintenance");
    clock.advance(60_000);
    await api.status.maintenance.cancel({ id: second.id });
    expect(await componentStatus(db, d)).toBe("operational");
    const row = await db.selectFrom("maintenances").selectAll().where("id", "=", second.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "completed", ends_at: clock.now() });
    expect(await auditActions(db, "maintenance", first.id)).toEqual([
      "maintenance.scheduled",
      "maintenance.updated",
      "maintenance.cancelled",
    ]);
  });

  it("a window missed entirely while the app was down completes at once", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const [c] = await makeComponents(db, lead, ["m-missed"]);
    const { id } = await api.status.maintenance.schedule({
      title: "Missed",
      startsAt: clock.now() + 1000,
      endsAt: clock.now() + 2000,
      componentIds: [c],
    });
    clock.advance(10_000);
    await tick();
    expect((await db.selectFrom("maintenances").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("completed");
    expect(await componentStatus(db, c)).toBe("operational");
  });

  it("bad input is BAD_REQUEST", async () => {
    const api = apiAs(use(), lead, clock.now);
    expect(
      await errorCode(api.status.maintenance.schedule({ title: "Backwards", startsAt: clock.now() + HOUR, endsAt: clock.now() })),
    ).toBe("BAD_REQUEST");
    expect(
      await errorCode(
        api.status.maintenance.schedule({ title: "No such", startsAt: clock.now(), endsAt: clock.now() + HOUR, componentIds: [99_999] }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await errorCode(api.status.maintenance.cancel({ id: 99_999 }))).toBe("NOT_FOUND");
  });
});
