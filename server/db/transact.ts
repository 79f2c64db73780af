import "server-only";
import type { DB } from "./connect";
import type { Tx } from "./dialect";

/**
 * MariaDB/MySQL give up on a lock in two ways that say nothing about the work itself: a deadlock (errno
 * 1213, the whole transaction rolled back) and a lock-wait timeout (errno 1205). mysql2 mislabels some
 * MariaDB errors' `code`, so the errno and SQLSTATE decide. SQLite's busy timeout already waits.
 */
export function isLockConflict(err: unknown): boolean {
  const e = err as { errno?: number; sqlState?: string } | undefined;
  if (!e || typeof e !== "object") return false;
  return e.errno === 1213 || e.errno === 1205 || e.sqlState === "40001";
}

export interface RetryOptions {
  /** Attempts in all, the first one included. */
  tries?: number;
  /** First back-off; each further one doubles, each with full jitter. */
  baseDelayMs?: number;
  /** 0 ≤ random() < 1; injectable for tests. */
  random?: () => number;
  /** Told about each retry (the log keeps the rate of conflicts visible). */
  onRetry?: (err: unknown, attempt: number) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again when the database reports a lock conflict, up to `tries` times in all, after a short
 * jittered back-off (so two instances that collided do not collide again in step). `work` must be a whole
 * unit: a transaction, or one statement outside any, with no effect outside the database before it commits.
 * Any other error, and the last conflict, reach the caller unchanged.
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const tries = opts.tries ?? 6;
  const base = opts.baseDelayMs ?? 5;
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= tries || !isLockConflict(err)) throw err;
      opts.onRetry?.(err, attempt);
      await sleep(Math.round(random() * base * 2 ** attempt));
    }
  }
}

/**
 * The one way the app opens a transaction: everything in `fn` commits together or not at all, and a
 * deadlock or lock-wait timeout runs `fn` again from the start on a fresh transaction. So `fn` must only
 * talk to the database through `trx`; side effects (email, HTTP, revalidation) belong after it returns
 * or in a job enqueued through `trx`.
 *
 * `readCommitted` is for the short claim-and-lease transactions of queues: at READ COMMITTED InnoDB takes
 * no gap locks, so claimers scanning the same index with SKIP LOCKED while moving rows within it (a new
 * `next_check_at`, a new `status`) do not trap each other between the scan and the update.
 */
export function transact<T>(db: DB, fn: (trx: Tx) => Promise<T>, opts: RetryOptions & { readCommitted?: boolean } = {}): Promise<T> {
  return retryOnLockConflict(() => {
    const builder = db.transaction();
    return (opts.readCommitted ? builder.setIsolationLevel("read committed") : builder).execute(async (trx) => {
      const hooks: CommitHook[] = [];
      commitHooks.set(trx, hooks);
      const result = await fn(trx);
      // A hook may add another; each runs once, in the order they were added.
      for (let i = 0; i < hooks.length; i++) await hooks[i]!();
      commitHooks.delete(trx);
      return result;
    });
  }, opts);
}

type CommitHook = () => Promise<void>;
const commitHooks = new WeakMap<Tx, CommitHook[]>();

/**
 * Runs `hook` inside `trx` after the transaction's work and just before it commits (a failing hook rolls the
 * whole transaction back). False, and nothing is kept, when `trx` was not opened by `transact`: the caller then
 * does the work at once. The audit trail uses it to append a transaction's events together at the end, so the
 * chain's head row is locked only for the last moment of each transaction instead of from its first event on.
 */
export function beforeCommit(trx: Tx, hook: CommitHook): boolean {
  const hooks = commitHooks.get(trx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}
