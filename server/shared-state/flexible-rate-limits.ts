import "server-only";
import crypto from "node:crypto";
import { createPool, type Pool } from "mysql2";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RateDecision, RateLimits, RateLimitStoreKind, RateRule } from "./rate-limits";

// The shared stores of server/shared-state/rate-limits.ts, through rate-limiter-flexible. Both keep their
// own clock (Date.now on this instance for MySQL, Redis's expiry for Redis); while the store cannot be
// reached, each limiter counts in this process instead (its insurance limiter).

/** Keys are IPs, emails, tokens: bounded to fit the store's key column, whatever a client sends. */
function storeKey(key: string): string {
  return key.length <= 160 ? key : `sha256:${crypto.createHash("sha256").update(key).digest("hex")}`;
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** The one implementation over rate-limiter-flexible; the stores differ only in how a limiter is made. */
class FlexibleRateLimits implements RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    readonly kind: RateLimitStoreKind,
    private readonly make: LimiterFactory,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  private limiter(rule: RateRule): RateLimiterAbstract {
    const id = `${rule.name}|${rule.points}|${rule.durationSec}`;
    let l = this.limiters.get(id);
    if (!l) {
      l = this.make({ keyPrefix: `rl:${rule.name}`, points: rule.points, duration: rule.durationSec });
      this.limiters.set(id, l);
    }
    return l;
  }

  async consume(rule: RateRule, key: string, opts: { points?: number; durationSec?: number } = {}): Promise<RateDecision> {
    const options = opts.durationSec ? { customDuration: opts.durationSec } : {};
    try {
      const res = await this.limiter(rule).consume(storeKey(key), opts.points ?? 1, options);
      return { allowed: true, consumed: res.consumedPoints, retryAfterSec: Math.max(0, Math.ceil(res.msBeforeNext / 1000)) };
    } catch (err) {
      if (err instanceof RateLimiterRes)
        return { allowed: false, consumed: err.consumedPoints, retryAfterSec: secondsOf(err.msBeforeNext) };
      throw err;
    }
  }

  async refund(rule: RateRule, key: string, points = 1): Promise<void> {
    // A reward on an ended window would open a new one below zero: an extra free hit.
    if (await this.peek(rule, key)) await this.limiter(rule).reward(storeKey(key), points);
  }

  async peek(rule: RateRule, key: string): Promise<{ consumed: number; retryAfterSec: number } | null> {
    const res = await this.limiter(rule).get(storeKey(key));
    // The memory store drops a window by timer, so an ended one may still be read: it counts as none.
    if (!res || res.msBeforeNext === 0 || (res.msBeforeNext < 0 && res.msBeforeNext !== -1)) return null;
    return { consumed: res.consumedPoints, retryAfterSec: secondsOf(res.msBeforeNext) };
  }

  async reset(rule: RateRule, key: string): Promise<void> {
    await this.limiter(rule).delete(storeKey(key));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

/** Counters in the MySQL/MariaDB table `rate_limits` (migration 2026_12_03_0006), through a small pool of its own. */
export function createMysqlRateLimits(url: string): RateLimits {
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!dbName) throw new Error("DATABASE_URL names no database");
  const pool: Pool = createPool({
    uri: url,
    connectionLimit: 4,
    charset: "utf8mb4_unicode_ci",
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  const limits = new FlexibleRateLimits(
    "mysql",
    (o) =>
      new RateLimiterMySQL({
        ...o,
        storeClient: pool,
        storeType: "pool",
        dbName,
        tableName: "rate_limits",
        tableCreated: true,
        clearExpiredByTimeout: false,
        insuranceLimiter: new RateLimiterMemory(o),
      }),
    async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => pool.end(() => resolve()));
    },
  );
  // One sweep per instance for the whole table (rather than rate-limiter-flexible's one per rule): windows
  // that ended over an hour ago. A failed sweep is retried at the next one.
  const timer = setInterval(() => pool.query("DELETE FROM rate_limits WHERE expire < ?", [Date.now() - 3600_000], () => {}), 5 * 60_000);
  timer.unref();
  return limits;
}

/** Counters in Redis, with expiry kept by Redis itself. Tests may pass a client they have seen connect. */
export function createRedisRateLimits(urlOrClient: string | Redis): RateLimits {
  // No offline queue: while Redis is away a limit check falls back to memory at once instead of waiting.
  const client =
    typeof urlOrClient === "string" ? new Redis(urlOrClient, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : urlOrClient;
  client.on("error", () => {}); // reconnects by itself; each failed check already falls back to memory
  return new FlexibleRateLimits(
    "redis",
    (o) => new RateLimiterRedis({ ...o, storeClient: client, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(o) }),
    async () => {
      client.disconnect();
    },
  );
}
