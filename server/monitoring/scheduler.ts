import "server-only";
import type { DB } from "../db";
import { forUpdate } from "../db/dialect";
import type { Monitor } from "../db/schema";
import { recordCheck } from "./record-check";
import { runCheck, type RunnerOptions } from "./runners";
import { transact } from "../db/transact";

/** A claimed monitor and the time its check was due. */
export interface ClaimedCheck {
  monitor: Monitor;
  scheduledAt: number;
}

export interface ClaimOptions {
  /** At most this many monitors per claim. */
  limit?: number;
  /** Also claim checks due this soon; the tick waits for each one's moment (the tick runs every few seconds). */
  lookaheadMs?: number;
  /** Extra time beyond the check's timeout before another instance may take the monitor over. */
  leaseMarginMs?: number;
  /** 0 ≤ random() < 1; injectable for tests. */
  random?: () => number;
}

/** Up to 10 % of the interval, at most 2 s: enough to spread monitors created together. */
export function jitterMs(intervalS: number, random: () => number): number {
  return Math.floor(random() * Math.min(2000, intervalS * 100));
}

/**
 * When the next check is due: one interval after this one was due (no drift from slow checks, no jitter
 * piling up round after round), or, when the monitor fell behind (an instance was down), one interval
 * from now plus jitter so that monitors catching up together spread out again.
 */
export function nextCheckAt(scheduledAt: number, intervalS: number, now: number, jitter: number): number {
  const next = scheduledAt + intervalS * 1000;
  return next > now ? next : now + intervalS * 1000 + jitter;
}

/**
 * Claims due monitors in one short transaction: locked rows are skipped (MySQL/MariaDB; SQLite has one
 * writer), each claimed row gets a lease and its next due time before the transaction commits, so
 * another instance claiming at the same moment sees it as not due and never checks it twice. Rows are
 * updated by primary key, in the order they were locked, at READ COMMITTED (no gap locks on the
 * `next_check_at` index the rows move within); a deadlock that still happens is retried by `transact`.
 */
export async function claimDueMonitors(db: DB, now: number, opts: ClaimOptions = {}): Promise<ClaimedCheck[]> {
  const random = opts.random ?? Math.random;
  const margin = opts.leaseMarginMs ?? 30_000;
  return transact(
    db,
    async (trx) => {
      const due = await forUpdate(
        trx,
        trx
          .selectFrom("monitors")
          .selectAll()
          .where("enabled", "=", 1)
          .where("next_check_at", "<=", now + (opts.lookaheadMs ?? 0))
          .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
          .orderBy("next_check_at")
          .orderBy("id")
          .limit(opts.limit ?? 50),
        { skipLocked: true },
      ).execute();
      const claimed: ClaimedCheck[] = [];
      for (const m of due) {
        const scheduledAt = Number(m.next_check_at);
        const next = nextCheckAt(scheduledAt, m.interval_s, Math.max(now, scheduledAt), jitterMs(m.interval_s, random));
        const lease = Math.max(now, scheduledAt) + m.timeout_ms + margin;
        const res = await trx
          .updateTable("monitors")
          .set({ lease_until: lease, next_check_at: next })
          .where("id", "=", m.id)
          .where("next_check_at", "=", scheduledAt)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) claimed.push({ monitor: { ...m, lease_until: lease, next_check_at: next }, scheduledAt });
      }
      return claimed;
    },
    { readCommitted: true },
  );
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}

export interface TickOptions extends ClaimOptions, RunnerOptions {
  now: () => number;
  appUrl: string;
  /** Checks in flight at once on this instance. */
  concurrency?: number;
  /** Called after a recorded check changed what the public status page shows. */
  onPublicChange?: () => void;
}

export interface TickReport {
  checked: number;
  failed: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Claims what is due now or before the next tick (batch after batch while batches come back full) and
 * starts the checks, each at its moment, outside any transaction. Returns once claimed: `done` settles
 * when every check has been recorded. The tick job does not wait for `done`, so the next tick is never
 * held up by this one's checks.
 */
export async function claimAndStartChecks(db: DB, opts: TickOptions): Promise<{ claimed: number; done: Promise<TickReport> }> {
  const limit = opts.limit ?? 200;
  const claimed: ClaimedCheck[] = [];
  for (let round = 0; round < 20; round++) {
    const batch = await claimDueMonitors(db, opts.now(), { ...opts, limit });
    claimed.push(...batch);
    if (batch.length < limit) break;
  }
  // Started in order of due time, so the lanes begin each check at (or just after) its moment.
  claimed.sort((a, b) => a.scheduledAt - b.scheduledAt);
  let failed = 0;
  const done = mapLimit(claimed, opts.concurrency ?? 100, async ({ monitor, scheduledAt }) => {
    const wait = scheduledAt - opts.now();
    if (wait > 0) await sleep(wait);
    const checkedAt = opts.now();
    const outcome = await runCheck(monitor, checkedAt, opts);
    try {
      await recordCheck(
        db,
        { monitorId: monitor.id, scheduledAt, checkedAt, ...outcome },
        { appUrl: opts.appUrl, now: opts.now(), onPublicChange: opts.onPublicChange },
      );
    } catch (err) {
      // The lease expires and the next check records again; one monitor's failure must not hide the others.
      failed++;
      console.error("[mayak] recording a monitor check failed", { monitorId: monitor.id, err });
    }
  }).then(() => ({ checked: claimed.length, failed }));
  return { claimed: claimed.length, done };
}

/** One scheduler tick, start to finish: claim, check, record. */
export async function runMonitoringTick(db: DB, opts: TickOptions): Promise<TickReport> {
  return (await claimAndStartChecks(db, opts)).done;
}
