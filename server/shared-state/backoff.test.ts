import { describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { attempt, backoffDelaySec, forgive, uncount, type BackoffRule } from "./backoff";
import { createMemoryRateLimits } from "./rate-limits";

const RULE: BackoffRule = { name: "t", freeAttempts: 5, baseDelaySec: 30, maxDelaySec: 900, forgetAfterSec: 86_400 };

describe("backoffDelaySec", () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [8, 240],
    [9, 480],
    [10, 900],
    [60, 900],
  ])("after attempt %i waits %i s", (n, wait) => {
    expect(backoffDelaySec(RULE, n)).toBe(wait);
  });
});

describe("attempt", () => {
  it("lets the free attempts through, then one per slot, each slot twice the last", async () => {
    const clock = manualClock();
    const limits = createMemoryRateLimits(clock.now);
    for (let i = 0; i < 5; i++) expect(await attempt(limits, RULE, "k")).toEqual({ allowed: true });
    expect(await attempt(limits, RULE, "k")).toEqual({ allowed: false, retryAfterSec: 30 });
    clock.advance(10_000);
    expect(await attempt(limits, RULE, "k"), "refused attempts do not add to the wait").toEqual({ allowed: false, retryAfterSec: 20 });
    clock.advance(20_000);
    expect(await attempt(limits, RULE, "k")).toEqual({ allowed: true });
    expect(await attempt(limits, RULE, "k")).toEqual({ allowed: false, retryAfterSec: 60 });
    clock.advance(60_000);
    expect(await attempt(limits, RULE, "k")).toEqual({ allowed: true });
    expect(await attempt(limits, RULE, "k")).toEqual({ allowed: false, retryAfterSec: 120 });
    expect(await attempt(limits, RULE, "other"), "another key is apart").toEqual({ allowed: true });
  });

  it("lets one of many concurrent attempts through per slot", async () => {
    const clock = manualClock();
    const limits = createMemoryRateLimits(clock.now);
    const first = await Promise.all(Array.from({ length: 50 }, () => attempt(limits, RULE, "k")));
    expect(first.filter((d) => d.allowed)).toHaveLength(5);
    clock.advance(30_000);
    const second = await Promise.all(Array.from({ length: 50 }, () => attempt(limits, RULE, "k")));
    expect(second.filter((d) => d.allowed)).toHaveLength(1);
  });

  it("forgive starts over; uncount takes back one attempt; the count is forgotten after a day", async () => {
    const clock = manualClock();
    const limits = createMemoryRateLimits(clock.now);
    for (let i = 0; i < 5; i++) await attempt(limits, RULE, "k");
    await forgive(limits, RULE, "k");
    for (let i = 0; i < 4; i++) expect((await attempt(limits, RULE, "k")).allowed).toBe(true);
    await uncount(limits, RULE, "k");
    await uncount(limits, RULE, "k");
    for (let i = 0; i < 3; i++) expect((await attempt(limits, RULE, "k")).allowed, "attempts 3, 4 and 5").toBe(true);
    expect((await attempt(limits, RULE, "k")).allowed).toBe(false);
    clock.advance(86_400_000);
    for (let i = 0; i < 4; i++) expect((await attempt(limits, RULE, "k")).allowed).toBe(true);
  });
});
