import "server-only";
import type { CheckResult, MonitorState } from "../db/schema";

export interface MonitorCounters {
  state: MonitorState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
}

export interface Thresholds {
  failThreshold: number;
  recoverThreshold: number;
}

/**
 * What changed, for the side effects: `down` opens an incident, `recovered` moves it to monitoring,
 * `changed` only touches the component (up ⇄ degraded, pending → up), null is nothing to do.
 */
export type TransitionEvent = "down" | "recovered" | "changed" | null;

/**
 * The monitor's next state after one check. Flap protection: `failThreshold` failures in a row before
 * a monitor is down, `recoverThreshold` successes in a row before a down monitor is up again. A degraded
 * result is a success (the service answers, slowly): it switches up ⇄ degraded at once, without a threshold.
 * A new monitor (pending) becomes up/degraded on its first success and down after the failure threshold.
 */
export function nextMonitorState(prev: MonitorCounters, result: CheckResult, t: Thresholds): MonitorCounters & { event: TransitionEvent } {
  const from = prev.state === "paused" ? "pending" : prev.state;
  if (result === "down") {
    const failures = prev.consecutiveFailures + 1;
    const down = from === "down" || failures >= t.failThreshold;
    return {
      state: down ? "down" : from,
      consecutiveFailures: failures,
      consecutiveSuccesses: 0,
      event: down && from !== "down" ? "down" : null,
    };
  }
  const successes = prev.consecutiveSuccesses + 1;
  const base = { consecutiveFailures: 0, consecutiveSuccesses: successes };
  if (from === "down") {
    if (successes < t.recoverThreshold) return { ...base, state: "down", event: null };
    return { ...base, state: result, event: "recovered" };
  }
  return { ...base, state: result, event: from === result ? null : "changed" };
}
