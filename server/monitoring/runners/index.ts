import "server-only";
import type { Monitor } from "../../db/schema";
import { parseConfig } from "../schemas";
import { checkHttp } from "./http";
import { checkTcp } from "./tcp";
import { checkTls } from "./tls";
import type { CheckOutcome } from "./types";

export type { CheckOutcome } from "./types";

export interface RunnerOptions {
  /** Trusted CAs for TLS checks instead of the system roots (tests). */
  tlsCa?: string | Buffer;
}

type CheckableMonitor = Pick<Monitor, "kind" | "target" | "config" | "timeout_ms" | "interval_s" | "last_heartbeat_at" | "created_at">;

/**
 * A heartbeat monitor is down when no ping came for interval + grace; the grace is the monitor's timeout.
 * Before the first ping, the clock starts at creation.
 */
export function checkHeartbeat(
  m: Pick<Monitor, "interval_s" | "timeout_ms" | "last_heartbeat_at" | "created_at">,
  now: number,
): CheckOutcome {
  const since = m.last_heartbeat_at ?? m.created_at;
  const late = now - since - (m.interval_s * 1000 + m.timeout_ms);
  if (late > 0) {
    const seconds = Math.round((now - since) / 1000);
    return { result: "down", latencyMs: null, error: m.last_heartbeat_at ? `no heartbeat for ${seconds} s` : "no heartbeat received yet" };
  }
  return { result: "up", latencyMs: null, error: null };
}

/** Runs one check of any kind. Never throws: a failure to check is a down result with its reason. */
export async function runCheck(m: CheckableMonitor, now: number, opts: RunnerOptions = {}): Promise<CheckOutcome> {
  const config = parseConfig(m.config);
  try {
    switch (m.kind) {
      case "http":
        return await checkHttp(m.target, m.timeout_ms, config);
      case "tcp":
        return await checkTcp(m.target, m.timeout_ms, config);
      case "tls":
        return await checkTls(m.target, m.timeout_ms, config, now, { ca: opts.tlsCa });
      case "heartbeat":
        return checkHeartbeat(m, now);
    }
  } catch (err) {
    return { result: "down", latencyMs: null, error: String(err).slice(0, 300) };
  }
}
