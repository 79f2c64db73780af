import "server-only";
import { performance } from "node:perf_hooks";
import { statusAccepted, type MonitorConfig } from "../schemas";
import { byLatency, down, errorMessage, type CheckOutcome } from "./types";

/** The most of a body searched for the keyword: a check must not download a video. */
const MAX_BODY_BYTES = 1_000_000;

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString("utf8");
}

/** GET the URL: the status must be accepted, the keyword (if any) present; slower than degradedMs is degraded. */
export async function checkHttp(url: string, timeoutMs: number, config: MonitorConfig): Promise<CheckOutcome> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: "GET",
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs),
      headers: { "user-agent": "Mayak-Monitor/1.0", accept: "*/*" },
      cache: "no-store",
    });
    const body = config.keyword ? await readLimited(res) : (await res.body?.cancel().catch(() => undefined), "");
    const latencyMs = Math.round(performance.now() - started);
    if (!statusAccepted(config.expectedStatus, res.status)) return down(`unexpected status ${res.status}`, latencyMs);
    if (config.keyword && !body.includes(config.keyword)) return down(`keyword not found: ${config.keyword}`, latencyMs);
    return byLatency(latencyMs, config.degradedMs);
  } catch (err) {
    return down(errorMessage(err));
  }
}
