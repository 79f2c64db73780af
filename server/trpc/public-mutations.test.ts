import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/db";
import type { DB } from "../db";
import { RateLimitedError } from "../errors";
import type { RateLimits } from "../shared-state/rate-limits";
import { createCallerFactory, publicProcedure, rateLimited, router, type TRPCContext } from "./init";
import { appRouter } from "./root";

/** A store that refuses everything: a limited procedure stops at its limiter, before input or database. */
const refuseAll: RateLimits = {
  kind: "memory",
  consume: async () => ({ allowed: false, consumed: 1, retryAfterSec: 42 }),
  refund: async () => {},
  peek: async () => null,
  reset: async () => {},
  close: async () => {},
};

type AnyRouter = typeof appRouter;

/**
 * Calls every mutation of `r` as an anonymous visitor with every limit refusing. A mutation that needs no
 * sign-in must stop at a rate limiter (TOO_MANY_REQUESTS from the refusing store); anything else it
 * answers (BAD_REQUEST, a result) means a public mutation without a limiter.
 */
async function publicMutationsWithoutLimiter(r: AnyRouter, db: DB): Promise<{ limited: string[]; unlimited: string[] }> {
  const ctx: TRPCContext = {
    db,
    actor: null,
    ip: "203.0.113.99",
    userAgent: "vitest",
    now: Date.now,
    appUrl: "http://mayak.test",
    locale: "en",
    rateLimits: refuseAll,
  };
  const caller = createCallerFactory(r)(ctx) as unknown as Record<string, unknown>;
  const limited: string[] = [];
  const unlimited: string[] = [];
  const procedures = r._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  for (const [path, proc] of Object.entries(procedures)) {
    if (proc._def.type !== "mutation") continue;
    const fn = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller) as (
      input: unknown,
    ) => Promise<unknown>;
    let outcome: string;
    try {
      await fn(undefined);
      outcome = "answered";
    } catch (err) {
      const e = err as { code?: string; cause?: unknown };
      outcome =
        e.code === "TOO_MANY_REQUESTS" && e.cause instanceof RateLimitedError && e.cause.retryAfterSec === 42
          ? "limited"
          : (e.code ?? "threw");
    }
    if (outcome === "UNAUTHORIZED") continue; // needs a signed-in actor: not public
    (outcome === "limited" ? limited : unlimited).push(outcome === "limited" ? path : `${path} (${outcome})`);
  }
  return { limited, unlimited };
}

describe("every mutation that needs no sign-in is rate limited", () => {
  let db: DB;
  let destroy: () => Promise<void>;
  beforeAll(async () => {
    ({ db, destroy } = await createTestDb("sqlite"));
  });
  afterAll(() => destroy());

  it("walks the whole API: no public mutation without a limiter", async () => {
    const { limited, unlimited } = await publicMutationsWithoutLimiter(appRouter, db);
    expect(unlimited).toEqual([]);
    // The walk found the public mutations it is meant to guard.
    expect(limited).toEqual(
      expect.arrayContaining([
        "account.signUp",
        "account.acceptInvite",
        "kb.feedback",
        "kb.suggestionOpened",
        "subscriptions.subscribe",
        "subscriptions.confirm",
        "subscriptions.unsubscribe",
      ]),
    );
  });

  it("catches a public mutation added without one", async () => {
    const withHole = router({
      guarded: publicProcedure.use(rateLimited("t", 1, 60_000)).mutation(() => "ok"),
      open: publicProcedure.mutation(() => "ok"),
    }) as unknown as AnyRouter;
    expect(await publicMutationsWithoutLimiter(withHole, db)).toEqual({ limited: ["guarded"], unlimited: ["open (answered)"] });
  });
});
