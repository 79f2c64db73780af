/**
 * A fixed-window limiter kept in memory: enough for one instance (the embedded default).
 * Returns false once `limit` hits arrive within `windowMs` for the same bucket and key.
 */
const windows = new Map<string, { start: number; count: number }>();
const MAX_KEYS = 50_000;

export function checkRateLimit(bucket: string, key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const id = `${bucket}:${key}`;
  const w = windows.get(id);
  if (!w || now - w.start >= windowMs) {
    windows.delete(id);
    windows.set(id, { start: now, count: 1 });
    if (windows.size > MAX_KEYS) prune(now, windowMs);
    return true;
  }
  w.count++;
  return w.count <= limit;
}

/**
 * Drops expired windows; if that is not enough (a flood of distinct keys), drops the oldest, so memory
 * stays bounded and the next prune is far away. A Map iterates in insertion order: oldest first.
 */
function prune(now: number, windowMs: number): void {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
  for (const k of windows.keys()) {
    if (windows.size <= MAX_KEYS * 0.8) break;
    windows.delete(k);
  }
}
