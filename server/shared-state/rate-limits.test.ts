import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { manualClock } from "../clock";
import { parseEnv } from "../env";
import { createScratchMysql, uniqueName } from "@/tests/rate-limit-stores";
import {
  createMemoryRateLimits,
  createMysqlRateLimits,
  createRedisRateLimits,
  rateLimitStoreFor,
  type RateLimits,
  type RateRule,
} from "./rate-limits";

const HOUR = 3600;
const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);

describe("memory store: a flood of keys on a short rule (regression, Code health item 4)", () => {
  it("keeps an exhausted one-hour limit closed while a one-minute rule floods the key table with 50,001 keys", async () => {
    const clock = manualClock(T0);
    const limits = createMemoryRateLimits(clock.now);
    const hourly: RateRule = { name: "sign-up", points: 10, durationSec: HOUR };
    const perMinute: RateRule = { name: "search", points: 600, durationSec: 60 };
    for (let i = 0; i < 10; i++) expect((await limits.consume(hourly, "1.2.3.4")).allowed).toBe(true);
    expect((await limits.consume(hourly, "1.2.3.4")).allowed).toBe(false);

    // Two minutes later, 50,001 distinct clients search once each.
    clock.advance(120_000);
    for (let i = 0; i <= 50_000; i++) await limits.consume(perMinute, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);

    // The hour has not passed: the exhausted client is still refused, and told to wait the rest of it.
    const again = await limits.consume(hourly, "1.2.3.4");
    expect(again).toMatchObject({ allowed: false, retryAfterSec: HOUR - 120 });
    clock.advance((HOUR - 120) * 1000);
    expect((await limits.consume(hourly, "1.2.3.4")).allowed).toBe(true);
  });

  it("drops ended windows, and the oldest with room, to stay within its bound", async () => {
    const clock = manualClock(T0);
    const limits = createMemoryRateLimits(clock.now, 100);
    const rule: RateRule = { name: "r", points: 2, durationSec: 60 };
    await limits.consume(rule, "oldest");
    for (let i = 0; i < 100; i++) await limits.consume(rule, `k${i}`);
    expect(await limits.peek(rule, "oldest"), "evicted: it had room").toBeNull();
    expect(await limits.peek(rule, "k99")).toMatchObject({ consumed: 1 });
  });
});

describe("configuration", () => {
  it("picks Redis when REDIS_URL is set, then MySQL/MariaDB, else memory", () => {
    expect(rateLimitStoreFor({})).toBe("memory");
    expect(rateLimitStoreFor({ DATABASE_URL: "file:data/x.sqlite" })).toBe("memory");
    expect(rateLimitStoreFor({ DATABASE_URL: "mysql://u@h/db" })).toBe("mysql");
    expect(rateLimitStoreFor({ DATABASE_URL: "mysql://u@h/db", REDIS_URL: "redis://h:6379" })).toBe("redis");
    expect(rateLimitStoreFor({ REDIS_URL: "redis://h:6379", VITEST: "true" }), "tests open shared stores themselves").toBe("memory");
  });

  it("validates REDIS_URL at start", () => {
    expect(parseEnv({ REDIS_URL: "rediss://:pw@cache.internal:6380/2" }).REDIS_URL).toBe("rediss://:pw@cache.internal:6380/2");
    expect(() => parseEnv({ REDIS_URL: "http://cache:6379" })).toThrow(/REDIS_URL: must be redis:\/\//);
  });
});

/**
 * What every store must do, run against each one present: memory always, MySQL/MariaDB with
 * MYSQL_TEST_URL, Redis with REDIS_URL. `advance` moves the store's clock, where a test can.
 */
interface StoreUnderTest {
  title: string;
  open: () => Promise<{ a: RateLimits; b?: RateLimits; advance?: (ms: number) => void; close: () => Promise<void> }>;
  skip?: string;
}

const stores: StoreUnderTest[] = [
  {
    title: "memory",
    open: async () => {
      const clock = manualClock(T0);
      const a = createMemoryRateLimits(clock.now);
      return { a, advance: clock.advance, close: () => a.close() };
    },
  },
  {
    title: "MySQL/MariaDB",
    skip: process.env.MYSQL_TEST_URL ? undefined : "MYSQL_TEST_URL is not set",
    open: async () => {
      const scratch = (await createScratchMysql())!;
      // Two instances: each with its own pool, as two app processes would have. The store reads this
      // process's Date.now, so a fake Date moves its clock.
      vi.useFakeTimers({ toFake: ["Date"], now: T0 });
      const a = createMysqlRateLimits(scratch.url);
      const b = createMysqlRateLimits(scratch.url);
      return {
        a,
        b,
        advance: (ms) => vi.setSystemTime(Date.now() + ms),
        close: async () => {
          vi.useRealTimers();
          await Promise.all([a.close(), b.close()]);
          await scratch.drop();
        },
      };
    },
  },
  {
    title: "Redis",
    skip: process.env.REDIS_URL ? undefined : "REDIS_URL is not set",
    open: async () => {
      // Clients that are connected before the first check (until then a check would count in memory).
      const connect = async () => {
        const client = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
        await new Promise((resolve, reject) => client.once("ready", resolve).once("error", reject));
        return createRedisRateLimits(client);
      };
      const a = await connect();
      const b = await connect();
      return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
    },
  },
];

for (const store of stores) {
  describe.skipIf(store.skip)(`rate-limit store: ${store.title}`, () => {
    let s: Awaited<ReturnType<StoreUnderTest["open"]>>;
    beforeAll(async () => {
      s = await store.open();
    });
    afterAll(async () => {
      await s?.close();
    });

    it("refuses the hit past the limit and says how long to wait; other keys and rules are apart", async () => {
      const rule: RateRule = { name: uniqueName("sign-up"), points: 3, durationSec: 600 };
      for (let i = 1; i <= 3; i++) expect(await s.a.consume(rule, "203.0.113.1")).toMatchObject({ allowed: true, consumed: i });
      const refused = await s.a.consume(rule, "203.0.113.1");
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSec).toBeGreaterThan(590);
      expect(refused.retryAfterSec).toBeLessThanOrEqual(600);
      expect((await s.a.consume(rule, "203.0.113.2")).allowed).toBe(true);
      expect((await s.a.consume({ ...rule, name: uniqueName("other") }, "203.0.113.1")).allowed).toBe(true);
    });

    it("peeks without counting, takes hits back, and resets", async () => {
      const rule: RateRule = { name: uniqueName("r"), points: 2, durationSec: 600 };
      expect(await s.a.peek(rule, "k")).toBeNull();
      await s.a.refund(rule, "k"); // nothing to take back: must not open a window below zero
      expect(await s.a.peek(rule, "k")).toBeNull();
      await s.a.consume(rule, "k");
      await s.a.consume(rule, "k");
      expect(await s.a.peek(rule, "k")).toMatchObject({ consumed: 2 });
      await s.a.refund(rule, "k");
      expect(await s.a.consume(rule, "k")).toMatchObject({ allowed: true, consumed: 2 });
      expect((await s.a.consume(rule, "k")).allowed).toBe(false);
      await s.a.reset(rule, "k");
      expect(await s.a.peek(rule, "k")).toBeNull();
      expect(await s.a.consume(rule, "k")).toMatchObject({ allowed: true, consumed: 1 });
    });

    it("gives a new window the length asked for, and keys of any length", async () => {
      const rule: RateRule = { name: uniqueName("slot"), points: 1, durationSec: 30 };
      expect(await s.a.consume(rule, "k", { durationSec: 240 })).toMatchObject({ allowed: true });
      const refused = await s.a.consume(rule, "k", { durationSec: 480 });
      expect(refused.retryAfterSec).toBeGreaterThan(230);
      expect(refused.retryAfterSec).toBeLessThanOrEqual(240);
      const long = `${"x".repeat(300)}@example.test`;
      expect((await s.a.consume(rule, long)).allowed).toBe(true);
      expect((await s.a.consume(rule, long)).allowed).toBe(false);
    });

    it.skipIf(store.title === "Redis")("opens again when the window has passed (moved clock, no sleep)", async () => {
      const rule: RateRule = { name: uniqueName("w"), points: 1, durationSec: 60 };
      expect((await s.a.consume(rule, "k")).allowed).toBe(true);
      s.advance!(59_000);
      expect(await s.a.consume(rule, "k")).toMatchObject({ allowed: false, retryAfterSec: 1 });
      s.advance!(1_000);
      expect(await s.a.consume(rule, "k")).toMatchObject({ allowed: true, consumed: 1 });
    });

    // Memory is one instance by definition.
    it.skipIf(store.title === "memory")("shares the counts between two instances", async () => {
      if (!s.b) throw new Error("a shared store opens two instances");
      const rule: RateRule = { name: uniqueName("shared"), points: 4, durationSec: 600 };
      await s.a.consume(rule, "198.51.100.9");
      await s.b.consume(rule, "198.51.100.9");
      await s.a.consume(rule, "198.51.100.9");
      expect(await s.b.consume(rule, "198.51.100.9")).toMatchObject({ allowed: true, consumed: 4 });
      expect((await s.a.consume(rule, "198.51.100.9")).allowed, "the fifth, counted by the other instance").toBe(false);
      expect((await s.b.consume(rule, "198.51.100.9")).allowed).toBe(false);
      await s.a.reset(rule, "198.51.100.9");
      expect(await s.b.consume(rule, "198.51.100.9")).toMatchObject({ allowed: true, consumed: 1 });
    });
  });
  if (store.skip) console.info(`[rate-limits] ${store.title} store tests skipped: ${store.skip}`);
}

describe("a shared store that cannot be reached", () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ["Redis", () => createRedisRateLimits("redis://127.0.0.1:1")],
    ["MySQL/MariaDB", () => createMysqlRateLimits("mysql://root@127.0.0.1:1/mayak")],
  ])("%s: counts in this process meanwhile (nothing fails, the limit still holds)", async (_name, open) => {
    const limits = open();
    try {
      const rule: RateRule = { name: uniqueName("down"), points: 2, durationSec: 60 };
      expect((await limits.consume(rule, "k")).allowed).toBe(true);
      expect((await limits.consume(rule, "k")).allowed).toBe(true);
      expect((await limits.consume(rule, "k")).allowed).toBe(false);
    } finally {
      await limits.close();
    }
  });
});
