import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DB } from "../db";
import type { Actor } from "../context";
import { makeLead } from "@/tests/factories";
import { createMonitor } from "./manage-monitors";
import { runMonitoringTick } from "./scheduler";
import type { TCreateMonitor } from "./schemas";
import type { ManualClock } from "../clock";

/** A local HTTP server whose answer the test changes between checks. */
export async function startHttpServer(initial: { status?: number; body?: string; delayMs?: number } = {}) {
  const behaviour = { status: 200, body: "ok", delayMs: 0, ...initial };
  const server = http.createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(behaviour.status, { "content-type": "text/plain" });
      res.end(behaviour.body);
    }, behaviour.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    port,
    set: (b: Partial<typeof behaviour>) => Object.assign(behaviour, b),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let componentCounter = 0;

export async function makeComponent(db: DB, now: number, name = "API"): Promise<number> {
  const n = ++componentCounter;
  const res = await db
    .insertInto("status_components")
    .values({
      group_id: null,
      slug: `component-${n}-${now}`,
      name_en: name,
      name_ru: name,
      description_en: "",
      description_ru: "",
      status: "operational",
      position: n,
      created_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  return Number(res.insertId);
}

/** A monitor created the way a lead creates one, with its clock. */
export async function makeMonitor(db: DB, clock: ManualClock, input: TCreateMonitor, lead?: Actor) {
  const actor = lead ?? (await makeLead(db));
  return createMonitor(db, { actor, ip: "127.0.0.1", userAgent: "vitest", now: clock.now }, input, "http://mayak.test");
}

/** One scheduler tick at the clock's time, then the clock moves on by `advanceMs`. */
export async function tick(db: DB, clock: ManualClock, advanceMs = 0) {
  const report = await runMonitoringTick(db, { now: clock.now, appUrl: "http://mayak.test", random: () => 0 });
  clock.advance(advanceMs);
  return report;
}
