import "server-only";
import type { DB } from "../db";
import { forgetStatusHistories, shareStatusHistories } from "../status/shared-histories";
import { PAGE_AREAS, readPageVersions, type PageArea } from "./versions";

/** What server.mjs hands over (lib/page-cache.mjs): the memory cache of this instance. */
export interface PageCacheHandle {
  /** Something in the area changed: its pages are stale now. */
  invalidate(area: PageArea): void;
  /** Time moved on: render the area's visited pages again, sending the old ones meanwhile. */
  refresh(area: PageArea): void;
}

export const PAGE_CACHE_KEY = Symbol.for("mayak.pageCache");

/** The cache server.mjs set up, if this process runs under it (not under plain `next start`, nor in tests). */
export function pageCacheOfServer(): PageCacheHandle | undefined {
  return (globalThis as Record<symbol, unknown>)[PAGE_CACHE_KEY] as PageCacheHandle | undefined;
}

/**
 * Compares the areas' change counters with the last ones read and names the areas that moved. The first read
 * only takes note. A failed read changes nothing: the next one compares with the last good one.
 */
export function createVersionWatch(read: () => Promise<Record<PageArea, number>>, onChange: (area: PageArea) => void) {
  let last: Record<PageArea, number> | null = null;
  return async function poll(): Promise<void> {
    const now = await read();
    if (last) for (const area of PAGE_AREAS) if (now[area] !== last[area]) onChange(area);
    last = now;
  };
}

export const POLL_MS = 250;
/**
 * How often the status pages are rendered again without a change: the uptime figures and "updated at" move.
 * Every change re-renders them at once; this only keeps the figures moving on a quiet day. A render of the
 * page with 50 components and 500 monitors costs hundreds of milliseconds of CPU, so not more often.
 */
export const STATUS_REFRESH_MS = 60_000;
const DAY = 86_400_000;

/**
 * Starts the watch of this instance: the counters every POLL_MS (a change anywhere reaches this cache within
 * that, well inside the two seconds promised), the status pages every STATUS_REFRESH_MS, and a full
 * invalidation of the status pages when a UTC day ends (the 90-day history moves on by a day).
 */
export function startPageCacheWatch(db: DB, cache: PageCacheHandle, now: () => number = Date.now): { stop(): void } {
  let stopped = false;
  let failing = false;
  // The status renders of one change share one read of the histories (server/status/shared-histories.ts):
  // every invalidation of the status area forgets it first.
  shareStatusHistories();
  const invalidate = (area: PageArea) => {
    if (area === "status") forgetStatusHistories();
    cache.invalidate(area);
  };
  const poll = createVersionWatch(() => readPageVersions(db), invalidate);
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    t.unref();
    timers.add(t);
  };
  const loop = () => {
    poll().then(
      () => {
        failing = false;
        later(loop, POLL_MS);
      },
      (err: unknown) => {
        if (!failing) console.error("[mayak] page cache: cannot read the change counters; retrying", err);
        failing = true;
        later(loop, POLL_MS * 4);
      },
    );
  };
  const refresh = () => {
    cache.refresh("status");
    later(refresh, STATUS_REFRESH_MS);
  };
  const dayEnd = () => {
    invalidate("status");
    later(dayEnd, DAY - (now() % DAY) + 1000);
  };
  loop();
  later(refresh, STATUS_REFRESH_MS);
  later(dayEnd, DAY - (now() % DAY) + 1000);
  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
