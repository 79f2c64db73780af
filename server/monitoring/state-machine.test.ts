import { describe, expect, it } from "vitest";
import type { CheckResult } from "../db/schema";
import { nextMonitorState, type MonitorCounters } from "./state-machine";

const T = { failThreshold: 3, recoverThreshold: 2 };

function run(start: MonitorCounters, results: CheckResult[]) {
  let s = start;
  const events: (string | null)[] = [];
  for (const r of results) {
    const n = nextMonitorState(s, r, T);
    events.push(n.event);
    s = n;
  }
  return { state: s.state, events };
}

const UP: MonitorCounters = { state: "up", consecutiveFailures: 0, consecutiveSuccesses: 5 };

describe("nextMonitorState", () => {
  it("needs fail_threshold failures in a row before down, and says so once", () => {
    const r = run(UP, ["down", "down", "down", "down"]);
    expect(r.state).toBe("down");
    expect(r.events).toEqual([null, null, "down", null]);
  });

  it("a success between failures resets the count (no flapping)", () => {
    expect(run(UP, ["down", "down", "up", "down", "down"]).state).toBe("up");
  });

  it("needs recover_threshold successes before up again", () => {
    const down: MonitorCounters = { state: "down", consecutiveFailures: 4, consecutiveSuccesses: 0 };
    expect(run(down, ["up"]).state).toBe("down");
    expect(run(down, ["up", "down", "up"]).state).toBe("down");
    const r = run(down, ["up", "up", "up"]);
    expect(r.state).toBe("up");
    expect(r.events).toEqual([null, "recovered", null]);
  });

  it("degraded counts as a success and switches at once", () => {
    expect(run(UP, ["degraded"])).toEqual({ state: "degraded", events: ["changed"] });
    const down: MonitorCounters = { state: "down", consecutiveFailures: 3, consecutiveSuccesses: 0 };
    expect(run(down, ["degraded", "degraded"])).toEqual({ state: "degraded", events: [null, "recovered"] });
  });

  it("a new monitor is up on its first success and down only after the threshold", () => {
    const pending: MonitorCounters = { state: "pending", consecutiveFailures: 0, consecutiveSuccesses: 0 };
    expect(run(pending, ["up"])).toEqual({ state: "up", events: ["changed"] });
    expect(run(pending, ["down", "down"]).state).toBe("pending");
    expect(run(pending, ["down", "down", "down"]).events).toEqual([null, null, "down"]);
  });
});
