import "server-only";
import { mergeAreas, type RevalidationAreas } from "./areas";

export interface RevalidationClientOptions {
  /** Where this instance's own server answers, e.g. http://localhost:3000. Read at each call. */
  baseUrl: () => string;
  /** The bearer token of the internal endpoint. Read at each call. */
  token: () => string;
  /** Changes made within this window go out as one call (many monitors changing in one tick). */
  debounceMs?: number;
  /** How long after the last change the follow-up calls are made; see DEFAULT_FOLLOW_UPS_MS. */
  followUpsMs?: readonly number[];
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Where failures are reported; they are never thrown at the caller. */
  logError?: (message: string, detail: unknown) => void;
}

export interface RevalidationClient {
  /** Revalidate now (debounced), then again with the follow-ups. For changes made outside a request. */
  request(areas: RevalidationAreas): void;
  /** Only the follow-ups: for a request that has already revalidated by itself. */
  followUp(areas: RevalidationAreas): void;
  /** Sends whatever is pending at once and waits for every call in flight (tests, shutdown). */
  flush(): Promise<void>;
  /** Waits for the calls in flight, sending nothing new. */
  idle(): Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 100;
/**
 * Next writes a regenerated page into its cache stamped with the time the render finished, not the time it
 * started. A background regeneration that read the database before a change committed and finishes after the
 * change's revalidation is therefore taken as fresh and served for a whole revalidate period (10 s for the
 * status page). Revalidating again once such renders have finished drops that stale copy: after one second
 * (the status page renders in a few hundred milliseconds) and, for a render slowed down by a busy machine,
 * after three. Each costs one render of the page, only when something changed.
 */
export const DEFAULT_FOLLOW_UPS_MS: readonly number[] = [1000, 3000];

/**
 * Asks this app's own server to revalidate public pages, through POST /api/internal/revalidate. Calls are
 * debounced, made one at a time, and their failures logged (a job must never fail because a cached page
 * could not be refreshed: the page still catches up within its revalidate time).
 */
export function createRevalidationClient(opts: RevalidationClientOptions): RevalidationClient {
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const followUpsMs = opts.followUpsMs ?? DEFAULT_FOLLOW_UPS_MS;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const doFetch = opts.fetch ?? fetch;
  const logError = opts.logError ?? ((message, detail) => console.error(message, detail));

  let soon: RevalidationAreas | null = null;
  let soonTimer: NodeJS.Timeout | undefined;
  const later = followUpsMs.map((delayMs) => ({
    delayMs,
    areas: null as RevalidationAreas | null,
    timer: undefined as NodeJS.Timeout | undefined,
  }));
  // Calls go out one after another, never overlapping.
  let chain: Promise<void> = Promise.resolve();

  async function send(areas: RevalidationAreas): Promise<void> {
    let url = "(unknown)";
    try {
      url = `${opts.baseUrl()}/api/internal/revalidate`;
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${opts.token()}` },
        body: JSON.stringify(areas),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok)
        logError(
          `[mayak] revalidating public pages failed: ${url} answered HTTP ${res.status}; they catch up within their revalidate time`,
          areas,
        );
    } catch (err) {
      logError(`[mayak] revalidating public pages failed: cannot reach ${url}; they catch up within their revalidate time`, err);
    }
  }

  function enqueue(areas: RevalidationAreas | null): Promise<void> {
    if (!areas) return chain;
    chain = chain.then(() => send(areas));
    return chain;
  }

  function sendSoon() {
    soonTimer = undefined;
    const areas = soon;
    soon = null;
    return enqueue(areas);
  }

  function sendLater(slot: (typeof later)[number]) {
    slot.timer = undefined;
    const areas = slot.areas;
    slot.areas = null;
    return enqueue(areas);
  }

  function followUp(areas: RevalidationAreas) {
    for (const slot of later) {
      slot.areas = mergeAreas(slot.areas, areas);
      // Restarted by every change: a follow-up must come its full delay after the last change. Each change
      // in between has had its own revalidation, which drops any stale copy written before it.
      clearTimeout(slot.timer);
      slot.timer = setTimeout(() => void sendLater(slot), slot.delayMs);
      slot.timer.unref();
    }
  }

  return {
    request(areas) {
      soon = mergeAreas(soon, areas);
      if (!soonTimer) {
        soonTimer = setTimeout(() => void sendSoon(), debounceMs);
        soonTimer.unref();
      }
      followUp(areas);
    },
    followUp,
    idle: () => chain,
    async flush() {
      clearTimeout(soonTimer);
      await sendSoon();
      for (const slot of later) {
        clearTimeout(slot.timer);
        await sendLater(slot);
      }
    },
  };
}
