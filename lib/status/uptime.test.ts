import { describe, expect, it } from "vitest";
import {
  DAY,
  HOUR,
  barLevel,
  dailyCounts,
  formatUptime,
  latencySeries,
  uptimePercent,
  uptimeWindows,
  worstStatus,
  type RollupRow,
} from "./uptime";

const NOW = Date.UTC(2026, 10, 27, 9, 30, 0);
const TODAY = Date.UTC(2026, 10, 27);

function row(period: "hour" | "day", bucket_start: number, c: Partial<RollupRow> = {}): RollupRow {
  return {
    monitor_id: 1,
    period,
    bucket_start,
    up: 0,
    degraded: 0,
    down: 0,
    maintenance: 0,
    latency_sum: 0,
    latency_count: 0,
    latency_max: 0,
    ...c,
  };
}

describe("uptime arithmetic", () => {
  it("counts up and degraded as available and down as unavailable", () => {
    expect(uptimePercent({ up: 97, degraded: 2, down: 1, maintenance: 0 })).toBeCloseTo(99);
  });

  it("leaves maintenance checks out of both sides", () => {
    expect(uptimePercent({ up: 90, degraded: 0, down: 10, maintenance: 500 })).toBeCloseTo(90);
    expect(uptimePercent({ up: 0, degraded: 0, down: 0, maintenance: 120 })).toBeNull();
  });

  it("has no value without checks, never 100%", () => {
    expect(uptimePercent({ up: 0, degraded: 0, down: 0, maintenance: 0 })).toBeNull();
    expect(formatUptime(null, "no data")).toBe("no data");
  });

  it("floors the displayed percentage so one failure never reads 100.00%", () => {
    expect(formatUptime(uptimePercent({ up: 9999, degraded: 0, down: 1, maintenance: 0 }), "-")).toBe("99.99%");
    expect(formatUptime(uptimePercent({ up: 99999, degraded: 0, down: 1, maintenance: 0 }), "-")).toBe("99.99%");
    expect(formatUptime(100, "-")).toBe("100.00%");
    // A value already floored to hundredths (as the status page sends it to the browser) reads the same.
    for (let i = 0; i <= 10_000; i++) expect(formatUptime(i / 100, "-")).toBe(`${(i / 100).toFixed(2)}%`);
  });

  it("uses hourly rollups for 24 h and daily ones plus today's hours beyond", () => {
    const rows = [
      row("hour", TODAY + 8 * HOUR, { up: 50, down: 10 }), // today, inside 24h
      row("hour", TODAY - 10 * HOUR, { up: 60 }), // yesterday 14:00, inside 24h
      row("hour", TODAY - 30 * HOUR, { down: 60 }), // outside 24h; covered by yesterday's daily row
      row("day", TODAY, { up: 1000 }), // today's open daily row: ignored in favour of the hours
      row("day", TODAY - DAY, { up: 1380, down: 60 }),
      row("day", TODAY - 10 * DAY, { down: 1440 }),
    ];
    const w = uptimeWindows(rows, NOW);
    expect(w["24h"]).toBeCloseTo((110 / 120) * 100);
    expect(w["7d"]).toBeCloseTo(((50 + 1380) / (60 + 1440)) * 100);
    expect(w["30d"]).toBeCloseTo(((50 + 1380) / (60 + 1440 + 1440)) * 100);
  });

  it("gives one bar per day for 90 days, with no data where there were no checks", () => {
    const days = dailyCounts(
      [row("day", TODAY - 2 * DAY, { up: 10 }), row("day", TODAY - DAY, { maintenance: 1440 }), row("hour", TODAY, { up: 5, down: 5 })],
      NOW,
    );
    expect(days).toHaveLength(90);
    expect(days[0].day).toBe(TODAY - 89 * DAY);
    expect(days[89]).toMatchObject({ day: TODAY, uptime: 50 });
    expect(days[88].uptime).toBeNull(); // only maintenance
    expect(days[87].uptime).toBe(100);
    expect(days[10].uptime).toBeNull();
  });

  it("averages latency per hour over monitors and leaves gaps empty", () => {
    const s = latencySeries(
      [
        row("hour", TODAY + 9 * HOUR, { latency_sum: 300, latency_count: 2, latency_max: 200 }),
        { ...row("hour", TODAY + 9 * HOUR, { latency_sum: 100, latency_count: 2, latency_max: 60 }), monitor_id: 2 },
      ],
      NOW,
      24,
    );
    expect(s).toHaveLength(24);
    expect(s[23]).toEqual({ t: TODAY + 9 * HOUR, avgMs: 100, maxMs: 200 });
    expect(s[0].avgMs).toBeNull();
  });

  it("takes the worst component status, maintenance above operational only", () => {
    expect(worstStatus([])).toBe("operational");
    expect(worstStatus(["operational", "maintenance"])).toBe("maintenance");
    expect(worstStatus(["maintenance", "degraded"])).toBe("degraded");
    expect(worstStatus(["partial_outage", "major_outage", "operational"])).toBe("major_outage");
  });

  it("colours a day by the worse of measured uptime and declared impact", () => {
    expect(barLevel(null, [])).toBe("nodata");
    expect(barLevel(99.95, [])).toBe("ok");
    expect(barLevel(100, ["major"])).toBe("major");
    expect(barLevel(90, ["minor"])).toBe("critical");
  });
});
