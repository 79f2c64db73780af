import "server-only";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors";
import { msg } from "@/lib/i18n";

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Runs at most `concurrency` jobs at once; up to `maxWaiting` more wait their turn, any beyond fail at once. */
export interface WorkPool {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export function createWorkPool({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): WorkPool {
  let active = 0;
  const queue: (() => void)[] = [];
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run(job) {
      if (active < concurrency) active++;
      else if (queue.length >= maxWaiting) throw new AppError("RATE_LIMITED", msg("security.err.busy"));
      // A job that finishes hands its slot straight to the next in line, so `active` never overshoots.
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await job();
      } finally {
        const next = queue.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

/**
 * Every argon2 hash and verification in this process goes through one small pool. Each costs 19 MiB and
 * about 20 ms of a core on a libuv thread; unbounded, a flood of sign-ins or invitation links takes every
 * core and every libuv thread (file reads, DNS, the database driver wait behind them). Bounded, a flood
 * slows sign-in only, and past the queue it is refused at once with RATE_LIMITED.
 */
const pool = createWorkPool({
  // One on two cores, two from four cores up: the rest of the app keeps a core.
  concurrency: Math.min(2, Math.max(1, Math.floor(os.availableParallelism() / 2))),
  maxWaiting: 20,
});

export function hashPassword(password: string): Promise<string> {
  return pool.run(() => hash(password, OPTIONS));
}

/** False for a wrong password or a malformed hash; RATE_LIMITED (thrown) when the pool is full, never "wrong password". */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  return pool.run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

// The hash of a password nobody has, with the same parameters as OPTIONS: verified when the account does not
// exist, so that timing does not reveal which emails exist. A constant, so no request ever waits to make it.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$l6Va4L7JvIy4ORWUY/msYQ$v3JK8kWNE7pyluH0sletIUk2zz9Vr9GaBYk6SyqMwP4";

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
export function dummyHash(): Promise<string> {
  return Promise.resolve(DUMMY_HASH);
}
