import "server-only";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import type { RateLimits } from "../shared-state/rate-limits";
import { attempt, uncount, type BackoffRule } from "../shared-state/backoff";
import { parseAssertion, verifyPasskeyAssertion, type RelyingParty } from "./passkeys";

/** Per address, as for passwords: 20 failed tries, then 15 s doubling to 15 min; successes are not counted. */
export const PASSKEY_SIGN_IN_PER_IP: BackoffRule = {
  name: "passkey-sign-in-ip",
  freeAttempts: 20,
  baseDelaySec: 15,
  maxDelaySec: 900,
  forgetAfterSec: 3600,
};

export type PasskeySignInOutcome = { kind: "signed-in"; actor: Actor } | { kind: "failed" } | { kind: "throttled"; retryAfterSec: number };

/**
 * Staff sign in with a passkey alone (no password): the authenticator must have verified the person (PIN or
 * biometrics), which makes it two factors in one. Customers use passkeys only as the second factor. Success
 * and failure are audited like password sign-ins.
 */
export async function signInWithPasskey(
  deps: { db: DB; limits: RateLimits; now: () => number; relyingParty: RelyingParty },
  req: { passkey: string; ip: string; userAgent: string },
): Promise<PasskeySignInOutcome> {
  const byIp = await attempt(deps.limits, PASSKEY_SIGN_IN_PER_IP, req.ip);
  if (!byIp.allowed) return { kind: "throttled", retryAfterSec: byIp.retryAfterSec };
  const ctx: RequestCtx = { actor: null, ip: req.ip, userAgent: req.userAgent.slice(0, 512), now: deps.now };
  const assertion = parseAssertion(req.passkey);
  const verified = assertion
    ? await verifyPasskeyAssertion(deps.db, assertion, deps.relyingParty, { requireUserVerification: true, now: deps.now() })
    : null;
  const user = verified
    ? await deps.db
        .selectFrom("users")
        .select(["id", "role", "email", "name", "locale", "disabled", "erased_at"])
        .where("id", "=", verified.userId)
        .executeTakeFirst()
    : undefined;
  if (!verified || !user || user.disabled || user.erased_at !== null || user.role === "customer") {
    const reason = !verified ? "passkey_invalid" : !user || user.disabled || user.erased_at !== null ? "disabled" : "passkey_customer";
    await transact(deps.db, (trx) =>
      recordAudit(trx, ctx, { action: "auth.sign_in_failed", entityType: "user", entityId: user?.id ?? "passkey", after: { reason } }),
    );
    return { kind: "failed" };
  }
  await uncount(deps.limits, PASSKEY_SIGN_IN_PER_IP, req.ip);
  const actor: Actor = { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
  await transact(deps.db, async (trx) => {
    await trx.updateTable("users").set({ last_sign_in_at: deps.now() }).where("id", "=", user.id).execute();
    await recordAudit(
      trx,
      { ...ctx, actor },
      { action: "auth.signed_in", entityType: "user", entityId: user.id, after: { method: "passkey" } },
    );
  });
  return { kind: "signed-in", actor };
}

/** next-auth's provider id for signing in with a passkey alone (the browser calls signIn("passkey", …)). */
export const PASSKEY_PROVIDER_ID = "passkey";
