import { expect, it } from "vitest";
import { describeEachDialect } from "@/tests/db";
import type { DB } from "../db";
import { getComponentHistories } from "./find-components";
import { DAY, HOUR } from "@/lib/status/uptime";

const NOW = Date.UTC(2026, 10, 27, 9, 30, 0);
const TODAY = Date.UTC(2026, 10, 27);

async function insertId(p: Promise<{ insertId?: bigint }>): Promise<number> {
  return Number((await p).insertId);
}

async function component(db: DB, slug: string) {
  return insertId(
    db
      .insertInto("status_components")
      .values({
        group_id: null,
        slug,
        name_en: slug,
        name_ru: slug,
        description_en: "",
        description_ru: "",
        status: "operational",
        position: 1,
        created_at: 0,
        updated_at: 0,
      })
      .executeTakeFirstOrThrow(),
  );
}

async function monitor(db: DB, componentId: number | null, name: string) {
  return insertId(
    db
      .insertInto("monitors")
      .values({
        component_id: componentId,
        name,
        kind: "http",
        target: "http://127.0.0.1:9/",
        config: "{}",
        interval_s: 60,
        timeout_ms: 1000,
        fail_threshold: 3,
        recover_threshold: 2,
        heartbeat_token_hash: null,
        enabled: 1,
        state: "up",
        consecutive_failures: 0,
        consecutive_successes: 0,
        next_check_at: 0,
        created_at: 0,
        updated_at: 0,
      })
      .executeTakeFirstOrThrow(),
  );
}

// The database sums a component's monitors per bucket (one row per component and bucket reaches the page):
// the figures must be those of all its monitors' checks together, and nothing of a monitor on no component.
describeEachDialect("component histories over several monitors", (use) => {
  it("count every check of every monitor of the component once, the slowest hour's maximum, nothing else", async () => {
    const db = use();
    const web = await component(db, "web");
    const api = await component(db, "api");
    const [a, b, loose, other] = [
      await monitor(db, web, "a"),
      await monitor(db, web, "b"),
      await monitor(db, null, "loose"),
      await monitor(db, api, "c"),
    ];
    const row = (monitor_id: number, period: "hour" | "day", bucket_start: number, up: number, down: number, latencyMax: number) => ({
      monitor_id,
      period,
      bucket_start,
      checks: up + down,
      up,
      degraded: 0,
      down,
      maintenance: 0,
      latency_sum: up * 100,
      latency_count: up,
      latency_max: latencyMax,
    });
    await db
      .insertInto("monitor_rollups")
      .values([
        row(a, "hour", TODAY + 8 * HOUR, 50, 10, 150),
        row(b, "hour", TODAY + 8 * HOUR, 60, 0, 400),
        row(a, "day", TODAY - DAY, 1000, 0, 200),
        row(b, "day", TODAY - DAY, 900, 100, 900),
        row(loose, "day", TODAY - DAY, 0, 1000, 5000),
        row(other, "day", TODAY - DAY, 0, 500, 5000),
        row(a, "day", TODAY - 200 * DAY, 0, 1000, 100), // before the 90 days
      ])
      .execute();
    const histories = await getComponentHistories(db, NOW, [web, api]);
    const h = histories.get(web)!;
    expect(h.monitored).toBe(true);
    expect(h.uptime["24h"]).toBeCloseTo((110 / 120) * 100);
    expect(h.days.at(-2)!.uptime).toBeCloseTo((1900 / 2000) * 100);
    expect(h.days.at(-1)!.uptime).toBeCloseTo((110 / 120) * 100);
    expect(h.uptime["90d"]).toBeCloseTo((2010 / 2120) * 100);
    expect(h.latency24h.at(-2)).toEqual({ t: TODAY + 8 * HOUR, avgMs: 100, maxMs: 400 });
    expect(histories.get(api)!.days.at(-2)!.uptime).toBe(0);
  });
});
