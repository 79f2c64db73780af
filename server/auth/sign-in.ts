import "server-only";
import type { DB } from "../db";
import type { Actor } from "../context";
import { AppError } from "../errors";
import { authenticate } from "../users/authenticate";
import type { RateLimits } from "../shared-state/rate-limits";
import { attempt, forgive, uncount, type BackoffRule } from "../shared-state/backoff";
import { issueKnownDevice, readKnownDevice } from "./known-device";
import { SecondFactorRefusal, signInSecondFactorStep } from "../two-factor/second-factor";
import type { RelyingParty } from "../two-factor/passkeys";

/**
 * Per address: 20 password checks at once, then 15 s, 30 s, 1 min … up to 15 min between checks; forgotten
 * an hour after the first. Generous because an office or a mobile carrier puts many people behind one
 * address, and successful sign-ins are not counted.
 */
export const SIGN_IN_PER_IP: BackoffRule = {
  name: "sign-in-ip",
  freeAttempts: 20,
  baseDelaySec: 15,
  maxDelaySec: 900,
  forgetAfterSec: 3600,
};

/**
 * Per account (its normalised email): 5 password checks, then 30 s, 1, 2, 4, 8 min, then one every 15 min,
 * forgotten a day after the first or at the next successful sign-in. Guessing from any number of addresses
 * gets about 100 tries a day (Chatwoot's 5 per 5 minutes allows 1,440). A delay, never a lock: the wait
 * ends by itself, and a browser that signed in to the account before (known-device cookie) is counted
 * under its own key, so a stranger's guesses do not keep the owner out.
 */
export const SIGN_IN_PER_ACCOUNT: BackoffRule = {
  name: "sign-in-account",
  freeAttempts: 5,
  baseDelaySec: 30,
  maxDelaySec: 900,
  forgetAfterSec: 24 * 3600,
};

export interface SignInDeps {
  db: DB;
  limits: RateLimits;
  authSecret: string;
  now: () => number;
  /** The app's public URL as a WebAuthn relying party, for passkeys as the second factor. */
  relyingParty?: RelyingParty;
}

export interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  /** The known-device cookie, if the browser sent one. */
  knownDevice?: string;
  /** A code from the authenticator app or a recovery code, for an account with a second factor (server/two-factor). */
  code?: string;
  /** A passkey's assertion (JSON), instead of a code. */
  passkey?: string;
}

export type SignInOutcome =
  | { kind: "signed-in"; actor: Actor; knownDevice: string }
  | { kind: "failed" }
  | { kind: "throttled"; retryAfterSec: number }
  // The password was right and the account has a second factor: its code is missing or wrong.
  | { kind: "second-factor"; reason: "required" | "invalid" };

export const normaliseEmail = (email: string) => email.trim().toLowerCase().slice(0, 254);

/**
 * Checks a password behind the per-address and per-account back-off. A throttled attempt checks no
 * password. A success resets the back-off it was counted under and renews the known-device cookie.
 */
export async function signInWithThrottle(deps: SignInDeps, req: SignInRequest): Promise<SignInOutcome> {
  const { limits } = deps;
  const email = normaliseEmail(req.email);
  const device = readKnownDevice(deps.authSecret, req.knownDevice, email, deps.now());
  const accountKey = device ? `${email}#device:${device}` : email;

  const byIp = await attempt(limits, SIGN_IN_PER_IP, req.ip);
  if (!byIp.allowed) return { kind: "throttled", retryAfterSec: byIp.retryAfterSec };
  const byAccount = await attempt(limits, SIGN_IN_PER_ACCOUNT, accountKey);
  if (!byAccount.allowed) {
    await uncount(limits, SIGN_IN_PER_IP, req.ip); // no password was checked
    return { kind: "throttled", retryAfterSec: byAccount.retryAfterSec };
  }

  let actor: Actor;
  try {
    const ctx = { actor: null, ip: req.ip, userAgent: req.userAgent, now: deps.now };
    const secondFactor = signInSecondFactorStep(deps.db, ctx, { code: req.code, passkey: req.passkey }, deps);
    actor = await authenticate(deps.db, ctx, { email: req.email, password: req.password }, { secondFactor });
  } catch (err) {
    // The password was right, so its back-off starts over; the second factor has a back-off of its own.
    if (err instanceof SecondFactorRefusal) {
      await Promise.all([forgive(limits, SIGN_IN_PER_ACCOUNT, accountKey), uncount(limits, SIGN_IN_PER_IP, req.ip)]);
      return err.outcome;
    }
    if (err instanceof AppError) return { kind: "failed" };
    throw err;
  }
  // A known device resets only its own key: the count a stranger built on the account stays with them.
  await Promise.all([forgive(limits, SIGN_IN_PER_ACCOUNT, accountKey), uncount(limits, SIGN_IN_PER_IP, req.ip)]);
  return { kind: "signed-in", actor, knownDevice: issueKnownDevice(deps.authSecret, email, deps.now(), device ?? undefined) };
}
