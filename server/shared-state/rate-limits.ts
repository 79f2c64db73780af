import "server-only";
import { getEnv } from "../env";
import { createMemoryRateLimits } from "./memory-rate-limits";
import { createMysqlRateLimits, createRedisRateLimits } from "./flexible-rate-limits";

export { createMemoryRateLimits, createMysqlRateLimits, createRedisRateLimits };

/**
 * Rate limits, shared between instances: the one module every caller uses (sign-in, tRPC procedures,
 * route handlers, search). Three stores behind one interface: Redis when REDIS_URL is set, the
 * MySQL/MariaDB database (table `rate_limits`) when DATABASE_URL is mysql://…, both through
 * rate-limiter-flexible (flexible-rate-limits.ts); and process memory (memory-rate-limits.ts) for the
 * embedded single instance on SQLite. The shared stores fall back to per-instance memory while Redis or the
 * database cannot be reached, so a store outage neither stops sign-in nor lifts the limits.
 */

/** A fixed window: at most `points` hits per key within `durationSec`. `name` is the key prefix, unique per rule. */
export interface RateRule {
  name: string;
  points: number;
  durationSec: number;
}

export interface RateDecision {
  allowed: boolean;
  /** What the window holds after this hit (refused hits included). */
  consumed: number;
  /** Whole seconds until the window ends; at least 1 when refused. */
  retryAfterSec: number;
}

export type RateLimitStoreKind = "memory" | "mysql" | "redis";

export interface RateLimits {
  readonly kind: RateLimitStoreKind;
  /** Counts one hit (or `points`) for `key`. `durationSec` overrides the rule's window when a new window starts. */
  consume(rule: RateRule, key: string, opts?: { points?: number; durationSec?: number }): Promise<RateDecision>;
  /** Takes back hits counted earlier (a request that turned out not to count). */
  refund(rule: RateRule, key: string, points?: number): Promise<void>;
  /** What the key's current window holds, without counting; null when there is none. */
  peek(rule: RateRule, key: string): Promise<{ consumed: number; retryAfterSec: number } | null>;
  /** Ends the key's window. */
  reset(rule: RateRule, key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Which store the configuration asks for. Under Vitest (which sets VITEST) the app's own store is memory:
 * a test run sets REDIS_URL for the Redis tests, which open their stores themselves, and counts the other
 * tests left in Redis would carry over from one run to the next.
 */
export function rateLimitStoreFor(env: { REDIS_URL?: string; DATABASE_URL?: string; VITEST?: string }): RateLimitStoreKind {
  if (env.VITEST) return "memory";
  if (env.REDIS_URL) return "redis";
  if (env.DATABASE_URL?.startsWith("mysql://")) return "mysql";
  return "memory";
}

// On globalThis: Next bundles a module into more than one chunk, and every copy must count in the same place.
const holder = globalThis as unknown as { __mayakRateLimits?: RateLimits; __mayakLocalRateLimits?: RateLimits };

/** The app's shared rate limits, opened on first use (never at import: `next build` imports this module). */
export function getRateLimits(): RateLimits {
  if (!holder.__mayakRateLimits) {
    const env = getEnv();
    const kind = rateLimitStoreFor({ ...env, VITEST: process.env.VITEST });
    holder.__mayakRateLimits =
      kind === "redis"
        ? createRedisRateLimits(env.REDIS_URL!)
        : kind === "mysql"
          ? createMysqlRateLimits(env.DATABASE_URL!)
          : getLocalRateLimits();
  }
  return holder.__mayakRateLimits;
}

/**
 * Limits this process keeps for itself, for hot paths where a round trip per request would cost more than
 * the request (the search endpoint answers thousands a second). Each instance enforces them on its own.
 */
export function getLocalRateLimits(): RateLimits {
  holder.__mayakLocalRateLimits ??= createMemoryRateLimits();
  return holder.__mayakLocalRateLimits;
}
