import { beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAdmin, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { manualClock } from "../clock";
import { makeComponent } from "./test-helpers";
import { hashHeartbeatToken, recordHeartbeat } from "./heartbeat";

async function snapshot(db: DB) {
  return {
    monitors: await db.selectFrom("monitors").selectAll().orderBy("id").execute(),
    audit: (await db.selectFrom("audit_events").select("id").execute()).length,
    users: await db.selectFrom("users").select(["id", "on_duty"]).orderBy("id").execute(),
  };
}

const auditActions = async (db: DB, id: number) =>
  (
    await db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "monitor")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute()
  ).map((r) => r.action);

describeEachDialect("monitors: CRUD, permissions, heartbeat URL", (use) => {
  const clock = manualClock();
  let lead: Actor, agent: Actor, customer: Actor, admin: Actor;
  let componentId: number;

  beforeAll(async () => {
    const db = use();
    [lead, agent, customer, admin] = await Promise.all([makeLead(db), makeAgent(db), makeCustomer(db), makeAdmin(db)]);
    componentId = await makeComponent(db, clock.now(), "Website");
  });

  it("a lead creates, updates, pauses, resumes and deletes a monitor, each audited", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const { id, heartbeatUrl } = await api.monitors.create({
      kind: "http",
      name: "Website",
      target: "https://example.com/health",
      componentId,
      intervalS: 30,
      config: { keyword: "ok", degradedMs: 800 },
    });
    expect(heartbeatUrl).toBeNull();
    expect(await api.monitors.get({ id })).toMatchObject({
      name: "Website",
      kind: "http",
      state: "pending",
      intervalS: 30,
      componentName: "Website",
      config: { keyword: "ok", degradedMs: 800 },
    });
    await api.monitors.update({ id, name: "Website home", target: "https://example.com/", componentId, intervalS: 60, failThreshold: 2 });
    await api.monitors.pause({ id });
    expect((await api.monitors.get({ id })).state).toBe("paused");
    await api.monitors.resume({ id });
    expect(await api.monitors.get({ id })).toMatchObject({ state: "pending", enabled: true, name: "Website home", failThreshold: 2 });
    await api.monitors.remove({ id });
    expect(await errorCode(api.monitors.get({ id }))).toBe("NOT_FOUND");
    expect(await auditActions(db, id)).toEqual([
      "monitor.created",
      "monitor.updated",
      "monitor.paused",
      "monitor.resumed",
      "monitor.deleted",
    ]);
  });

  it("refuses bad input with field errors", async () => {
    const api = apiAs(use(), lead, clock.now);
    const bad = async (input: Record<string, unknown>) => {
      try {
        await api.monitors.create(input as never);
      } catch (err) {
        return Object.keys(
          (err as { cause?: { issues?: { path: string[] }[] } }).cause?.issues?.reduce((o, i) => ({ ...o, [i.path.join(".")]: 1 }), {}) ??
            {},
        ).sort();
      }
      throw new Error("expected a failure");
    };
    expect(await bad({ kind: "http", name: "x1", target: "ftp://nope", intervalS: 60 })).toEqual(["target"]);
    expect(await bad({ kind: "tcp", name: "Database", target: "db.example.com", intervalS: 5 })).toEqual(["intervalS", "target"]);
    expect(await bad({ kind: "http", name: "Site", target: "https://a.example", config: { expectedStatus: "2xx" } })).toEqual([
      "config.expectedStatus",
    ]);
    expect(await errorCode(api.monitors.create({ kind: "tcp", name: "DB", target: "db:5432", componentId: 999_999 }))).toBe("BAD_REQUEST");
  });

  it("customers and agents cannot manage monitors (NOT_FOUND) and nothing changes", async () => {
    const db = use();
    const { id } = await apiAs(db, lead, clock.now).monitors.create({ kind: "tcp", name: "Database", target: "db.example.com:5432" });
    const before = await snapshot(db);
    for (const actor of [customer, agent]) {
      const api = apiAs(db, actor, clock.now);
      expect(await errorCode(api.monitors.create({ kind: "tcp", name: "Mine", target: "x.example:1" }))).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.list())).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.get({ id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.update({ id, name: "Hijacked", target: "x.example:1" }))).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.pause({ id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.remove({ id }))).toBe("NOT_FOUND");
      expect(await errorCode(api.monitors.setOnDuty({ userId: admin.id, onDuty: true }))).toBe("NOT_FOUND");
    }
    expect(await errorCode(apiAs(db, customer).monitors.activeAlerts())).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, customer).monitors.setOnDuty({ userId: customer.id, onDuty: true }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).monitors.activeAlerts())).toBe("UNAUTHORIZED");
    expect(await snapshot(db)).toEqual(before);
  });

  it("staff switch themselves on duty; leads switch others; audited", async () => {
    const db = use();
    await apiAs(db, agent, clock.now).monitors.setOnDuty({ userId: agent.id, onDuty: true });
    await apiAs(db, lead, clock.now).monitors.setOnDuty({ userId: admin.id, onDuty: true });
    const duty = await apiAs(db, lead).monitors.staffDuty();
    expect(
      duty
        .filter((d) => d.onDuty)
        .map((d) => d.id)
        .sort(),
    ).toEqual([agent.id, admin.id].sort());
    expect(await errorCode(apiAs(db, lead).monitors.setOnDuty({ userId: customer.id, onDuty: true }))).toBe("NOT_FOUND");
    const n = await db.selectFrom("audit_events").select("id").where("action", "=", "user.on_duty_changed").execute();
    expect(n).toHaveLength(2);
  });

  it("a heartbeat monitor shows its URL once, stores only the hash, and a new URL replaces the old", async () => {
    const db = use();
    const api = apiAs(db, lead, clock.now);
    const { id, heartbeatUrl } = await api.monitors.create({
      kind: "heartbeat",
      name: "Nightly backup",
      intervalS: 3600,
      timeoutMs: 30_000,
    });
    const token = heartbeatUrl!.split("/api/heartbeat/")[1];
    expect(heartbeatUrl).toBe(`http://mayak.test/api/heartbeat/${token}`);
    const row = await db.selectFrom("monitors").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.heartbeat_token_hash).toBe(hashHeartbeatToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await api.monitors.get({ id })).hasHeartbeatToken).toBe(true);

    clock.advance(1000);
    expect(await recordHeartbeat(db, token, clock.now())).toEqual({ monitorId: id });
    expect(
      Number(
        (await db.selectFrom("monitors").select("last_heartbeat_at").where("id", "=", id).executeTakeFirstOrThrow()).last_heartbeat_at,
      ),
    ).toBe(clock.now());

    const wrong = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    await expect(recordHeartbeat(db, wrong, clock.now())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordHeartbeat(db, "short", clock.now())).rejects.toMatchObject({ code: "NOT_FOUND" });

    const next = await api.monitors.regenerateToken({ id });
    const token2 = next.heartbeatUrl.split("/api/heartbeat/")[1];
    await expect(recordHeartbeat(db, token, clock.now())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await recordHeartbeat(db, token2, clock.now())).toEqual({ monitorId: id });
    // The route handler's way in: the same function behind a public procedure.
    expect(await apiAs(db, null, clock.now).monitors.heartbeat({ token: token2 })).toEqual({ monitorId: id });
    expect(await errorCode(apiAs(db, null, clock.now).monitors.heartbeat({ token }))).toBe("NOT_FOUND");
    expect(await auditActions(db, id)).toEqual(["monitor.created", "monitor.token_regenerated"]);
    const http = await api.monitors.create({ kind: "http", name: "Site 2", target: "https://example.org" });
    expect(await errorCode(api.monitors.regenerateToken({ id: http.id }))).toBe("BAD_REQUEST");
  });
});
