import "server-only";
import type { RateLimits, RateRule } from "./rate-limits";

/**
 * Exponential back-off over the shared rate limits: the first `freeAttempts` attempts pass at once; from
 * then on each attempt must wait for the previous one's slot to end, and each slot is twice as long as the
 * one before (base, 2·base, 4·base … up to `maxDelaySec`). The count is forgotten `forgetAfterSec` after
 * the first attempt, or at once by `forgive` (a successful sign-in).
 *
 * Attempts are counted before the work they guard (a password check), with an atomic increment, so that
 * concurrent attempts from many clients cannot all slip through before the first one is recorded; the
 * slot is taken with an atomic increment too, so only one attempt per slot runs.
 */
export interface BackoffRule {
  name: string;
  freeAttempts: number;
  baseDelaySec: number;
  maxDelaySec: number;
  forgetAfterSec: number;
}

export type BackoffDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

// The count only counts (the slots refuse); its limit marks a key under back-off as exhausted, which the
// memory store never evicts.
const countRule = (rule: BackoffRule): RateRule => ({
  name: `${rule.name}:n`,
  points: rule.freeAttempts,
  durationSec: rule.forgetAfterSec,
});
const slotRule = (rule: BackoffRule): RateRule => ({ name: `${rule.name}:slot`, points: 1, durationSec: rule.baseDelaySec });

/** The wait that follows the attempt numbered `n` (1-based): none while free, then doubling up to the cap. */
export function backoffDelaySec(rule: BackoffRule, n: number): number {
  if (n < rule.freeAttempts) return 0;
  const doublings = Math.min(n - rule.freeAttempts, 30);
  return Math.min(rule.baseDelaySec * 2 ** doublings, rule.maxDelaySec);
}

/** Counts an attempt for `key`, or refuses it with the wait. A refused attempt is not counted. */
export async function attempt(limits: RateLimits, rule: BackoffRule, key: string): Promise<BackoffDecision> {
  const { consumed: n } = await limits.consume(countRule(rule), key);
  const delay = backoffDelaySec(rule, n);
  if (delay === 0) return { allowed: true };
  const slot = await limits.consume(slotRule(rule), key, { durationSec: delay });
  if (slot.allowed) return { allowed: true };
  await limits.refund(countRule(rule), key);
  return { allowed: false, retryAfterSec: slot.retryAfterSec };
}

/** Takes back one counted attempt (it succeeded, and successes must not add to a shared key's back-off). */
export async function uncount(limits: RateLimits, rule: BackoffRule, key: string): Promise<void> {
  await limits.refund(countRule(rule), key);
}

/** Forgets every attempt for `key` (a successful sign-in resets its account's back-off). */
export async function forgive(limits: RateLimits, rule: BackoffRule, key: string): Promise<void> {
  await Promise.all([limits.reset(countRule(rule), key), limits.reset(slotRule(rule), key)]);
}
