import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, errorCode, makeAgent, makeCustomer, makeLead } from "@/tests/factories";
import { openPeerDb } from "../jobs/test-helpers";
import { manualClock } from "../clock";
import { systemCtx, type Actor } from "../context";
import type { DB } from "../db";
import { makeMonitor } from "./test-helpers";
import { runMonitoringTick, nextCheckAt } from "./scheduler";
import { recordCheck } from "./record-check";
import { pruneMonitorHistory } from "./retention";
import { escalateAlerts } from "./alerts";
import { DAY_MS, HOUR_MS } from "./rollups";

const countChecks = async (db: DB) =>
  db
    .selectFrom("monitor_checks")
    .select(["monitor_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("monitor_id")
    .execute();

describeEachDialect("scheduler: instances share the checks and never double-check", (use, dialect) => {
  const clock = manualClock();
  let server: net.Server;
  let port: number;
  let peer: Awaited<ReturnType<typeof openPeerDb>>;
  beforeAll(async () => {
    server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    peer = await openPeerDb(use());
  });
  afterAll(async () => {
    await peer.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
  // Each test counts the checks of its own monitors only.
  beforeEach(async () => {
    await use().deleteFrom("monitors").execute();
    await use().deleteFrom("monitor_checks").execute();
  });

  it("two schedulers taking turns check each due monitor exactly once per round", async () => {
    const db = use();
    const lead = await makeLead(db);
    for (let i = 0; i < 24; i++)
      await makeMonitor(db, clock, { kind: "tcp", name: `Port ${i}`, target: `127.0.0.1:${port}`, intervalS: 10 }, lead);
    for (let round = 1; round <= 3; round++) {
      const opts = { now: clock.now, appUrl: "", concurrency: 4, limit: 7 };
      // The first takes the whole round, batch after batch (7 + 7 + 7 + 3); the leases leave nothing for the other.
      const first = await runMonitoringTick(round % 2 ? db : peer.db, opts);
      const second = await runMonitoringTick(round % 2 ? peer.db : db, opts);
      expect([first.checked, second.checked]).toEqual([24, 0]);
      const counts = await countChecks(db);
      expect(counts).toHaveLength(24);
      expect(counts.every((c) => Number(c.n) === round)).toBe(true);
      clock.advance(12_000);
    }
  });

  // On SQLite the "peer" is the same handle and there is one writer, so the schedulers cannot interleave
  // their claims: the race can only fail on MariaDB/MySQL, where it runs.
  it.runIf(dialect === "mysql")(
    "two schedulers racing check each due monitor exactly once per round (proved on MariaDB only: SQLite has one writer)",
    async () => {
      const db = use();
      const lead = await makeLead(db);
      for (let i = 0; i < 24; i++)
        await makeMonitor(db, clock, { kind: "tcp", name: `Port ${i}`, target: `127.0.0.1:${port}`, intervalS: 10 }, lead);
      for (let round = 1; round <= 3; round++) {
        const opts = { now: clock.now, appUrl: "", concurrency: 4, limit: 7 };
        // Each claims a few batches, as several ticks would, while the other does the same.
        const results = await Promise.all([db, peer.db, db, peer.db, db, peer.db].map((d) => runMonitoringTick(d, opts)));
        expect(results.reduce((n, r) => n + r.checked, 0)).toBe(24);
        const counts = await countChecks(db);
        expect(counts).toHaveLength(24);
        expect(counts.every((c) => Number(c.n) === round)).toBe(true);
        // Jitter adds up to 1 s to a 10 s interval.
        clock.advance(12_000);
      }
      const drift = await db.selectFrom("monitor_checks").select(["checked_at", "scheduled_at"]).execute();
      expect(drift.every((d) => Number(d.checked_at) >= Number(d.scheduled_at))).toBe(true);
    },
  );

  it("a monitor that fell behind is due one interval from now, not in a burst", () => {
    expect(nextCheckAt(1000, 10, 5000, 0)).toBe(11_000);
    expect(nextCheckAt(1000, 10, 60_000, 250)).toBe(70_250);
  });
});

describeEachDialect("rollups, retention, escalation and acknowledge", (use) => {
  const clock = manualClock(Date.UTC(2026, 10, 27, 10, 0, 0));
  let lead: Actor, agent: Actor, customer: Actor;
  beforeAll(async () => {
    const db = use();
    [lead, agent, customer] = await Promise.all([makeLead(db), makeAgent(db), makeCustomer(db)]);
  });

  it("every check adds to its hourly and daily rollup", async () => {
    const db = use();
    const { id } = await makeMonitor(db, clock, { kind: "tcp", name: "Rollups", target: "127.0.0.1:1", failThreshold: 5 }, lead);
    const h10 = Date.UTC(2026, 10, 27, 10, 0, 0);
    const checks: [number, "up" | "down" | "degraded", number | null][] = [
      [h10 + 1000, "up", 10],
      [h10 + 60_000, "up", 30],
      [h10 + 3_599_999, "degraded", 900],
      [h10 + HOUR_MS, "down", null],
      [h10 + HOUR_MS + 5, "up", 20],
    ];
    for (const [t, result, latencyMs] of checks) {
      await recordCheck(db, { monitorId: id, scheduledAt: t, checkedAt: t, result, latencyMs, error: null }, { appUrl: "" });
    }
    const rows = await db
      .selectFrom("monitor_rollups")
      .selectAll()
      .where("monitor_id", "=", id)
      .orderBy("period")
      .orderBy("bucket_start")
      .execute();
    const plain = rows.map((r) => ({ ...r, bucket_start: Number(r.bucket_start), latency_sum: Number(r.latency_sum) }));
    expect(plain).toEqual([
      {
        monitor_id: id,
        period: "day",
        bucket_start: Date.UTC(2026, 10, 27),
        checks: 5,
        up: 3,
        degraded: 1,
        down: 1,
        maintenance: 0,
        latency_sum: 960,
        latency_count: 4,
        latency_max: 900,
      },
      {
        monitor_id: id,
        period: "hour",
        bucket_start: h10,
        checks: 3,
        up: 2,
        degraded: 1,
        down: 0,
        maintenance: 0,
        latency_sum: 940,
        latency_count: 3,
        latency_max: 900,
      },
      {
        monitor_id: id,
        period: "hour",
        bucket_start: h10 + HOUR_MS,
        checks: 2,
        up: 1,
        degraded: 0,
        down: 1,
        maintenance: 0,
        latency_sum: 20,
        latency_count: 1,
        latency_max: 20,
      },
    ]);
  });

  it("retention drops old raw checks and old hourly rollups, keeps daily ones", async () => {
    const db = use();
    const now = clock.now();
    const monitorId = 9999;
    for (const t of [now - 15 * DAY_MS, now - 14 * DAY_MS - 1, now - 13 * DAY_MS]) {
      await db
        .insertInto("monitor_checks")
        .values({ monitor_id: monitorId, checked_at: t, scheduled_at: t, result: "up", latency_ms: 1, error: null })
        .execute();
    }
    const rollup = (period: "hour" | "day", bucket: number) => ({
      monitor_id: monitorId,
      period,
      bucket_start: bucket,
      checks: 1,
      up: 1,
      degraded: 0,
      down: 0,
      maintenance: 0,
      latency_sum: 1,
      latency_count: 1,
      latency_max: 1,
    });
    await db
      .insertInto("monitor_rollups")
      .values([rollup("hour", now - 91 * DAY_MS), rollup("hour", now - 10 * DAY_MS), rollup("day", now - 400 * DAY_MS)])
      .execute();
    expect(await pruneMonitorHistory(db, now, { checkDays: 14 })).toEqual({ checks: 2, hourly: 1 });
    expect(await db.selectFrom("monitor_checks").select("checked_at").where("monitor_id", "=", monitorId).execute()).toHaveLength(1);
    const left = await db.selectFrom("monitor_rollups").select("period").where("monitor_id", "=", monitorId).orderBy("period").execute();
    expect(left.map((r) => r.period)).toEqual(["day", "hour"]);
  });

  it("an unacknowledged alert escalates to the leads once, after the delay", async () => {
    const db = use();
    const { id } = await makeMonitor(db, clock, { kind: "tcp", name: "Mail relay", target: "127.0.0.1:1", failThreshold: 1 }, lead);
    await recordCheck(
      db,
      { monitorId: id, scheduledAt: clock.now(), checkedAt: clock.now(), result: "down", latencyMs: null, error: "ECONNREFUSED" },
      { appUrl: "" },
    );
    const alert = await db.selectFrom("monitor_alerts").selectAll().where("monitor_id", "=", id).executeTakeFirstOrThrow();
    const mailsBefore = (await db.selectFrom("outbox_emails").select("id").execute()).length;
    clock.advance(9 * 60_000);
    expect(await escalateAlerts(db, systemCtx(clock.now), { afterMs: 10 * 60_000, appUrl: "" })).toBe(0);
    clock.advance(60_000);
    expect(await escalateAlerts(db, systemCtx(clock.now), { afterMs: 10 * 60_000, appUrl: "" })).toBe(1);
    expect(await escalateAlerts(db, systemCtx(clock.now), { afterMs: 10 * 60_000, appUrl: "" })).toBe(0);
    const after = await db.selectFrom("monitor_alerts").selectAll().where("id", "=", alert.id).executeTakeFirstOrThrow();
    expect(Number(after.escalated_at)).toBe(clock.now());
    const mails = await db.selectFrom("outbox_emails").select(["to_address", "subject"]).orderBy("id").execute();
    expect(mails.slice(mailsBefore)).toEqual([{ to_address: lead.email, subject: "[Mayak] Nobody acknowledged: Mail relay is down" }]);
    expect(await db.selectFrom("audit_events").select("entity_id").where("action", "=", "alert.escalated").execute()).toEqual([
      { entity_id: String(alert.id) },
    ]);
  });

  it("staff acknowledge in one click (audited); outsiders get NOT_FOUND and change nothing", async () => {
    const db = use();
    const { id } = await makeMonitor(db, clock, { kind: "tcp", name: "Queue", target: "127.0.0.1:1", failThreshold: 1 }, lead);
    await recordCheck(
      db,
      { monitorId: id, scheduledAt: clock.now(), checkedAt: clock.now(), result: "down", latencyMs: null, error: "ECONNREFUSED" },
      { appUrl: "" },
    );
    const active = await apiAs(db, agent).monitors.activeAlerts();
    const alert = active.find((a) => a.monitorId === id)!;
    expect(alert).toMatchObject({ monitorName: "Queue", acknowledgedAt: null, closedAt: null });

    const before = await db.selectFrom("monitor_alerts").selectAll().orderBy("id").execute();
    const auditBefore = (await db.selectFrom("audit_events").select("id").execute()).length;
    expect(await errorCode(apiAs(db, customer).monitors.acknowledge({ alertId: alert.id }))).toBe("NOT_FOUND");
    expect(await errorCode(apiAs(db, null).monitors.acknowledge({ alertId: alert.id }))).toBe("UNAUTHORIZED");
    expect(await errorCode(apiAs(db, agent).monitors.acknowledge({ alertId: 999_999 }))).toBe("NOT_FOUND");
    expect(await db.selectFrom("monitor_alerts").selectAll().orderBy("id").execute()).toEqual(before);
    expect((await db.selectFrom("audit_events").select("id").execute()).length).toBe(auditBefore);

    await apiAs(db, agent, clock.now).monitors.acknowledge({ alertId: alert.id });
    await apiAs(db, agent, clock.now).monitors.acknowledge({ alertId: alert.id });
    const acked = await db.selectFrom("monitor_alerts").selectAll().where("id", "=", alert.id).executeTakeFirstOrThrow();
    expect(acked.acknowledged_by).toBe(agent.id);
    expect((await apiAs(db, agent).monitors.activeAlerts()).find((a) => a.id === alert.id)?.acknowledgedBy).toBe(agent.name);
    const audit = await db
      .selectFrom("audit_events")
      .select(["actor_id", "entity_id"])
      .where("action", "=", "alert.acknowledged")
      .execute();
    expect(audit).toEqual([{ actor_id: agent.id, entity_id: String(alert.id) }]);
    clock.advance(30 * 60_000);
    expect(await escalateAlerts(db, systemCtx(clock.now), { afterMs: 10 * 60_000, appUrl: "" })).toBe(0);
  });
});
