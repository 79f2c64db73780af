import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeLead } from "@/tests/factories";
import type { Actor } from "../context";
import type { DB } from "../db";
import { manualClock } from "../clock";
import { makeComponent, makeMonitor, startHttpServer } from "../monitoring/test-helpers";
import { runMonitoringTick } from "../monitoring/scheduler";
import { monitoringJobs, MONITORING_RESOLVE_JOB } from "../monitoring/jobs";
import { incidentJobs, MAINTENANCE_TICK_JOB } from "../incidents/jobs";
import { makeComponents } from "../incidents/testing";
import { createRevalidationClient } from "./client";

const INTERVAL = 30_000;
const HOUR = 3_600_000;

/** Stands in for the app's internal endpoint: counts the calls it receives. */
async function startEndpoint() {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { bodies, baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachDialect("jobs revalidate the public status page after their changes commit", (use) => {
  const clock = manualClock();
  let target: Awaited<ReturnType<typeof startHttpServer>>;
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  let lead: Actor;
  let monitorIds: number[] = [];
  /** What each public-change callback saw of the committed data, read on the side at the moment it ran. */
  let seen: Promise<number>[] = [];

  const openIncidents = (db: DB) =>
    db
      .selectFrom("incidents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("auto", "=", 1)
      .where("status", "!=", "resolved")
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));

  beforeAll(async () => {
    const db = use();
    target = await startHttpServer();
    endpoint = await startEndpoint();
    lead = await makeLead(db);
    for (const name of ["Web", "API", "Search"]) {
      const componentId = await makeComponent(db, clock.now(), name);
      const m = await makeMonitor(
        db,
        clock,
        { kind: "http", name: `${name} check`, target: target.url, componentId, intervalS: 30, failThreshold: 1, recoverThreshold: 1 },
        lead,
      );
      monitorIds.push(m.id);
    }
  });
  afterAll(async () => {
    await target.close();
    await endpoint.close();
    monitorIds = [];
  });

  function onChange(db: DB, calls: { n: number }) {
    return () => {
      calls.n++;
      seen.push(openIncidents(db));
    };
  }

  it("monitor checks: a transition calls back once per monitor, after commit; the client turns a tick's worth into one call", async () => {
    const db = use();
    const calls = { n: 0 };
    // Long windows: `flush()` below sends what is pending, so the count does not depend on the machine's speed.
    const client = createRevalidationClient({
      baseUrl: () => endpoint.baseUrl,
      token: () => "t",
      debounceMs: 60_000,
      followUpsMs: [60_000],
      logError: () => {},
    });
    const tick = () =>
      runMonitoringTick(db, {
        now: clock.now,
        appUrl: "http://mayak.test",
        random: () => 0,
        onPublicChange: () => {
          onChange(db, calls)();
          client.request({ status: true });
        },
      });

    await tick(); // pending -> up: the component rows change on the public page
    expect(calls.n).toBe(3);
    await client.flush();
    // Three changes, one call at once and one follow-up.
    expect(endpoint.bodies).toEqual([{ status: true }, { status: true }]);
    clock.advance(INTERVAL);
    await tick(); // up -> up: nothing public changed
    expect(calls.n).toBe(3);

    target.set({ status: 500 });
    clock.advance(INTERVAL);
    seen = [];
    await tick(); // three monitors down, three automatic incidents
    expect(calls.n).toBe(6);
    // Each callback ran after its own incident had committed: a read started at that moment saw it.
    const counts = await Promise.all(seen);
    expect(counts).toHaveLength(3);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(counts[2]).toBe(3);

    await client.flush();
    expect(endpoint.bodies).toHaveLength(4);
  });

  it("the quiet-resolution job calls back only when it resolved something", async () => {
    const db = use();
    const calls = { n: 0 };
    const resolve = monitoringJobs(db, { onPublicChange: onChange(db, calls), quietMs: 10 * 60_000 }).handlers[MONITORING_RESOLVE_JOB];
    target.set({ status: 200 });
    clock.advance(INTERVAL);
    await runMonitoringTick(db, { now: clock.now, appUrl: "http://mayak.test", random: () => 0 }); // recovered -> monitoring
    await resolve({}, { jobId: 0, attempt: 1, maxAttempts: 1, now: clock.now });
    expect(calls.n).toBe(0);
    clock.advance(11 * 60_000);
    seen = [];
    await resolve({}, { jobId: 0, attempt: 1, maxAttempts: 1, now: clock.now });
    expect(calls.n).toBe(1);
    expect(await Promise.all(seen)).toEqual([0]);
    await resolve({}, { jobId: 0, attempt: 1, maxAttempts: 1, now: clock.now });
    expect(calls.n).toBe(1);
  });

  it("the maintenance clock calls back when a window starts and when it ends, not in between", async () => {
    const db = use();
    const calls = { n: 0 };
    const handler = incidentJobs(db, { onPublicChange: onChange(db, calls) }).handlers[MAINTENANCE_TICK_JOB];
    const tick = () => handler({}, { jobId: 0, attempt: 1, maxAttempts: 1, now: clock.now });
    const [componentId] = await makeComponents(db, lead, ["reval-db"]);
    await apiAs(db, lead, clock.now).status.maintenance.schedule({
      title: "Database upgrade",
      body: "Read-only for a while.",
      startsAt: clock.now() + HOUR,
      endsAt: clock.now() + 2 * HOUR,
      componentIds: [componentId],
    });
    await tick();
    expect(calls.n).toBe(0);
    clock.advance(HOUR);
    await tick();
    expect(calls.n).toBe(1);
    clock.advance(HOUR / 2);
    await tick();
    expect(calls.n).toBe(1);
    clock.advance(HOUR / 2);
    await tick();
    expect(calls.n).toBe(2);
  });
});
