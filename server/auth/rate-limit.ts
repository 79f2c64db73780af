/**
 * A fixed-window limiter kept in memory: enough for one instance (the embedded default).
 * Returns false once `limit` hits arrive within `windowMs` for the same bucket and key.
 */
const windows = new Map<string, { start: number; count: number }>();

export function checkRateLimit(bucket: string, key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const id = `${bucket}:${key}`;
  const w = windows.get(id);
  if (!w || now - w.start >= windowMs) {
    windows.set(id, { start: now, count: 1 });
    if (windows.size > 50_000) pruneOld(now, windowMs);
    return true;
  }
  w.count++;
  return w.count <= limit;
}

function pruneOld(now: number, windowMs: number): void {
  for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
}
