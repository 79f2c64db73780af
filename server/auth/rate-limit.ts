import "server-only";

/**
 * A fixed-window limiter kept in memory: enough for one instance (the embedded default).
 * Returns false once `limit` hits arrive within `windowMs` for the same bucket and key.
 */
const windows = new Map<string, { start: number; count: number; windowMs: number; limit: number }>();
const MAX_KEYS = 50_000;

export function checkRateLimit(bucket: string, key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const id = `${bucket}:${key}`;
  const w = windows.get(id);
  if (!w || now - w.start >= windowMs) {
    windows.delete(id);
    windows.set(id, { start: now, count: 1, windowMs, limit });
    if (windows.size > MAX_KEYS) prune(now);
    return true;
  }
  w.count++;
  return w.count <= limit;
}

/**
 * Drops windows that have expired, each by its own length (a flood on a one-minute bucket must not end
 * a one-hour window); if that is not enough, drops the oldest windows that still have room, so memory
 * stays bounded without reopening an exhausted limit. A Map iterates in insertion order: oldest first.
 */
function prune(now: number): void {
  for (const [k, w] of windows) if (now - w.start >= w.windowMs) windows.delete(k);
  for (const [k, w] of windows) {
    if (windows.size <= MAX_KEYS * 0.8) break;
    if (w.count < w.limit) windows.delete(k);
  }
}
