import "server-only";
import type { RateDecision, RateLimits, RateRule } from "./rate-limits";

interface Window {
  start: number;
  ms: number;
  count: number;
  limit: number;
}

/**
 * Fixed windows kept in this process: the store of the embedded single instance, and of the search fast
 * path on every instance. Synchronous underneath and clocked by `now`, so tests move time by hand.
 *
 * Memory stays bounded: past `maxKeys` windows, ended ones are dropped, each by its own length (a flood of
 * keys on a one-minute rule must not end a one-hour window), then the oldest that still have room. An
 * exhausted window is never dropped, or a flood of fresh keys would reopen it.
 */
export function createMemoryRateLimits(now: () => number = Date.now, maxKeys = 50_000): RateLimits {
  const windows = new Map<string, Window>();

  function prune(t: number): void {
    for (const [id, w] of windows) if (t - w.start >= w.ms) windows.delete(id);
    for (const [id, w] of windows) {
      if (windows.size <= maxKeys * 0.8) break;
      if (w.count < w.limit) windows.delete(id);
    }
  }

  /** The key's window if it has not ended. A Map iterates in insertion order, so a new window goes last. */
  function current(id: string, t: number): Window | undefined {
    const w = windows.get(id);
    if (w && t - w.start < w.ms) return w;
    if (w) windows.delete(id);
    return undefined;
  }

  const idOf = (rule: RateRule, key: string) => `${rule.name}:${key}`;
  const secondsLeft = (w: Window, t: number) => Math.max(1, Math.ceil((w.start + w.ms - t) / 1000));

  return {
    kind: "memory",
    async consume(rule, key, opts = {}): Promise<RateDecision> {
      const t = now();
      const id = idOf(rule, key);
      let w = current(id, t);
      if (!w) {
        w = { start: t, ms: (opts.durationSec ?? rule.durationSec) * 1000, count: 0, limit: rule.points };
        windows.set(id, w);
        if (windows.size > maxKeys) prune(t);
      }
      w.count += opts.points ?? 1;
      return { allowed: w.count <= rule.points, consumed: w.count, retryAfterSec: secondsLeft(w, t) };
    },
    async refund(rule, key, points = 1) {
      const w = current(idOf(rule, key), now());
      if (w) w.count = Math.max(0, w.count - points);
    },
    async peek(rule, key) {
      const t = now();
      const w = current(idOf(rule, key), t);
      return w ? { consumed: w.count, retryAfterSec: secondsLeft(w, t) } : null;
    },
    async reset(rule, key) {
      windows.delete(idOf(rule, key));
    },
    async close() {
      windows.clear();
    },
  };
}
