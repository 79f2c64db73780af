import { describe, expect, it } from "vitest";
import { checkRateLimit } from "./rate-limit";

describe("in-memory rate limit", () => {
  it("keeps an exhausted one-hour limit closed while a short bucket floods the key table", () => {
    const t0 = Date.UTC(2026, 11, 3, 9, 0, 0);
    const HOUR = 3_600_000;
    for (let i = 0; i < 10; i++) expect(checkRateLimit("regr-hour", "1.2.3.4", 10, HOUR, t0)).toBe(true);
    expect(checkRateLimit("regr-hour", "1.2.3.4", 10, HOUR, t0)).toBe(false);

    // Two minutes later, 50,001 distinct clients search once each (a one-minute bucket).
    const later = t0 + 120_000;
    for (let i = 0; i <= 50_000; i++) checkRateLimit("regr-minute", `10.0.${i >> 8}.${i & 255}-${i}`, 600, 60_000, later);

    // The hour has not passed: the exhausted client is still refused.
    expect(checkRateLimit("regr-hour", "1.2.3.4", 10, HOUR, later)).toBe(false);
  });
});
