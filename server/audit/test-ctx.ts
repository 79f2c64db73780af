import "server-only";
import { manualClock } from "../clock";
import type { RequestCtx } from "../context";

/** An admin's request context on a clock the test moves, for the audit trail's tests. */
export function adminCtxOnManualClock(): { ctx: RequestCtx; clock: ReturnType<typeof manualClock> } {
  const clock = manualClock();
  const ctx: RequestCtx = {
    actor: { id: 1, role: "admin", email: "a@x.test", name: "A", locale: "en" },
    ip: "127.0.0.1",
    userAgent: "vitest",
    now: clock.now,
  };
  return { ctx, clock };
}
