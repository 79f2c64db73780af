import "server-only";
import { forgetStatusHistories, shareStatusHistories, statusHistoriesState } from "@/lib/page-cache-histories.mjs";
import type { ComponentHistory } from "./find-components";

/**
 * The components' histories (90 days of bars, uptime windows, response times) are the costly part of a status
 * render and the same in every language. Under server.mjs one change re-renders several entries at once
 * (/status, /ru/status, /api/status, the latency JSON): they share one read of the histories instead of one
 * each. A copy is reused only while no change was heard since it was read (forgetStatusHistories, called by
 * the page cache's watch with its invalidation, or by server.mjs in the render process when a render names a newer
 * change) and for at most SHARE_MS, so time moving on (the 24 h window, "updated at") is not held back longer
 * than that. Outside server.mjs (tests, `next start`) nothing is kept.
 */
export const SHARE_MS = 5_000;

type Entry = { generation: number; key: string; at: number; promise: Promise<Map<number, ComponentHistory>> };
type State = { generation: number; entry: Entry | null; enabled: boolean };

// One state per process (lib/page-cache-histories.mjs), shared by every bundle that includes this module, the
// watch, and server.mjs in the render process.
const state = () => statusHistoriesState() as State;

export { forgetStatusHistories, shareStatusHistories };

/**
 * The histories for `componentIds` at `now`: a copy read for the same components since the last change heard
 * and at most SHARE_MS before `now`, else `read()` (kept for the next render unless it fails).
 */
export function sharedHistories(
  now: number,
  componentIds: readonly number[],
  read: () => Promise<Map<number, ComponentHistory>>,
): Promise<Map<number, ComponentHistory>> {
  const s = state();
  if (!s.enabled) return read();
  const key = componentIds.join(",");
  const e = s.entry;
  if (e && e.generation === s.generation && e.key === key && now >= e.at && now - e.at < SHARE_MS) return e.promise;
  const entry: Entry = { generation: s.generation, key, at: now, promise: read() };
  s.entry = entry;
  entry.promise.catch(() => {
    if (s.entry === entry) s.entry = null;
  });
  return entry.promise;
}
