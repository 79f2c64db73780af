import "server-only";
import type { CheckResult } from "../../db/schema";

/** What one check found. `error` explains a down or degraded result in a sentence for staff. */
export interface CheckOutcome {
  result: CheckResult;
  latencyMs: number | null;
  error: string | null;
}

export function down(error: string, latencyMs: number | null = null): CheckOutcome {
  return { result: "down", latencyMs, error: error.slice(0, 300) };
}

/** Up, or degraded when slower than the threshold. */
export function byLatency(latencyMs: number, degradedMs: number | undefined): CheckOutcome {
  if (degradedMs !== undefined && latencyMs > degradedMs) {
    return { result: "degraded", latencyMs, error: `slow: ${latencyMs} ms (threshold ${degradedMs} ms)` };
  }
  return { result: "up", latencyMs, error: null };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    if (err.name === "TimeoutError" || err.name === "AbortError") return "timed out";
    if (cause instanceof Error) return `${err.message}: ${(cause as { code?: string }).code ?? cause.message}`;
    return (err as { code?: string }).code ?? err.message;
  }
  return String(err);
}
