import "server-only";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { AppError, RateLimitedError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import type { RateLimits } from "../shared-state/rate-limits";
import { attempt, forgive, type BackoffRule } from "../shared-state/backoff";
import { openSecret } from "./secret-box";
import { isTotpCode, verifyTotp } from "./totp";
import { matchesRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { parseAssertion, verifyPasskeyAssertion, type RelyingParty } from "./passkeys";
import { msg } from "@/lib/i18n";

/**
 * What the second-factor functions need besides the database: the auth secret (key of the stored secrets),
 * the shared rate limits and, for passkeys, the relying party (the app's public URL).
 */
export interface TwoFactorDeps {
  authSecret: string;
  limits: RateLimits;
  relyingParty?: RelyingParty;
}

/**
 * Code attempts per account (sign-in, confirming an enrolment, turning it off): 5 at once, then 30 s, 1, 2,
 * 4, 8 min, then one every 15 min; forgotten a day after the first, or at the next right code. Counted per
 * user, not per browser: whoever tries the codes already has the password. Three codes are valid at a time
 * (one step either side), so about 100 tries a day find one with odds of 1 in 3,000.
 */
export const TWO_FACTOR_PER_ACCOUNT: BackoffRule = {
  name: "two-factor",
  freeAttempts: 5,
  baseDelaySec: 30,
  maxDelaySec: 900,
  forgetAfterSec: 24 * 3600,
};

const limitKey = (userId: number) => `user:${userId}`;

/** Counts a code attempt for the user, or throws RATE_LIMITED with the wait. */
export async function countCodeAttempt(deps: TwoFactorDeps, userId: number): Promise<void> {
  const decision = await attempt(deps.limits, TWO_FACTOR_PER_ACCOUNT, limitKey(userId));
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSec);
}

export async function forgiveCodeAttempts(deps: TwoFactorDeps, userId: number): Promise<void> {
  await forgive(deps.limits, TWO_FACTOR_PER_ACCOUNT, limitKey(userId));
}

export const ZCODE_MAX = 64;

/**
 * Checks a code against the user's enabled authenticator and unused recovery codes, and uses it up: a TOTP
 * code moves `last_step` forward (only if no one else did meanwhile, so two requests with one code cannot
 * both pass), a recovery code gets `used_at` (audited). Returns how the user proved it, or null.
 */
export async function useSecondFactorCode(
  db: DB,
  ctx: RequestCtx,
  userId: number,
  code: string,
  authSecret: string,
): Promise<"totp" | "recovery" | null> {
  const input = code.trim().slice(0, ZCODE_MAX);
  const row = await db
    .selectFrom("user_two_factor")
    .selectAll()
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.now();

  if (isTotpCode(input.replace(/\s/g, ""))) {
    const secret = openSecret(authSecret, userId, row.secret_enc);
    if (secret === null) {
      console.error(`[mayak] two-factor secret of user ${userId} cannot be decrypted (was NEXTAUTH_SECRET changed?)`);
      return null;
    }
    const lastStep = row.last_step === null ? null : Number(row.last_step);
    const step = await verifyTotp(secret, input.replace(/\s/g, ""), now, lastStep);
    if (step === null) return null;
    const res = await db
      .updateTable("user_two_factor")
      .set({ last_step: step, updated_at: now })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? "totp" : null;
  }

  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return null;
  const codes = await db
    .selectFrom("user_recovery_codes")
    .select(["id", "salt", "code_hash"])
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  const match = codes.find((c) => matchesRecoveryCode(normalised, c));
  if (!match) return null;
  return transact(db, async (trx) => {
    const res = await trx
      .updateTable("user_recovery_codes")
      .set({ used_at: now })
      .where("id", "=", match.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    const left = await trx
      .selectFrom("user_recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: "two_factor.recovery_code_used",
      entityType: "user",
      entityId: userId,
      after: { left: Number(left.n) },
    });
    return "recovery" as const;
  });
}

/** Whether the user has a second factor that sign-in must ask for: an authenticator app or a passkey. */
export async function hasSecondFactor(db: DB, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("user_two_factor")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .executeTakeFirst();
  if (row) return true;
  return !!(await db.selectFrom("user_passkeys").select("id").where("user_id", "=", userId).limit(1).executeTakeFirst());
}

/** What the sign-in form sent as the second factor: a code (app or recovery) or a passkey's assertion (JSON). */
export interface SecondFactorProof {
  code?: string;
  passkey?: string;
}

/**
 * The sign-in step after a right password: nothing for a user without a second factor; otherwise a code or a
 * passkey's assertion must come with the password (TWO_FACTOR_REQUIRED without one), counted per account, and
 * be right (TWO_FACTOR_INVALID, audited as a failed sign-in). Returns how the user proved it.
 */
export async function checkSignInSecondFactor(
  db: DB,
  ctx: RequestCtx,
  user: { id: number },
  proof: SecondFactorProof,
  deps: TwoFactorDeps,
): Promise<"totp" | "recovery" | "passkey" | null> {
  if (!(await hasSecondFactor(db, user.id))) return null;
  const code = proof.code?.trim();
  if (!code && !proof.passkey) throw new AppError("TWO_FACTOR_REQUIRED", msg("twoFactor.err.required"), "code");
  await countCodeAttempt(deps, user.id);
  let used: "totp" | "recovery" | "passkey" | null = null;
  if (code) used = await useSecondFactorCode(db, ctx, user.id, code, deps.authSecret);
  else {
    const assertion = parseAssertion(proof.passkey);
    const passkey =
      assertion && deps.relyingParty
        ? await verifyPasskeyAssertion(db, assertion, deps.relyingParty, {
            userId: user.id,
            requireUserVerification: false,
            now: ctx.now(),
          })
        : null;
    if (passkey) used = "passkey";
  }
  if (!used) {
    await transact(db, (trx) =>
      recordAudit(trx, ctx, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        after: { reason: "wrong_two_factor_code" },
      }),
    );
    throw new AppError("TWO_FACTOR_INVALID", msg("twoFactor.err.invalid"), "code");
  }
  await forgiveCodeAttempts(deps, user.id);
  return used;
}

/** The sign-in step refused after a right password: what the sign-in answers (server/auth/sign-in.ts). */
export class SecondFactorRefusal extends Error {
  constructor(readonly outcome: { kind: "second-factor"; reason: "required" | "invalid" } | { kind: "throttled"; retryAfterSec: number }) {
    super(outcome.kind === "throttled" ? "RATE_LIMITED" : `TWO_FACTOR_${outcome.reason.toUpperCase()}`);
    this.name = "SecondFactorRefusal";
  }
}

/** The step authenticate() runs after a right password, with its refusals as SecondFactorRefusal. */
export function signInSecondFactorStep(db: DB, ctx: RequestCtx, proof: SecondFactorProof, deps: TwoFactorDeps) {
  return async (user: { id: number }): Promise<string | null> => {
    try {
      return await checkSignInSecondFactor(db, ctx, user, proof, deps);
    } catch (err) {
      if (err instanceof RateLimitedError) throw new SecondFactorRefusal({ kind: "throttled", retryAfterSec: err.retryAfterSec });
      if (err instanceof AppError && err.code === "TWO_FACTOR_REQUIRED")
        throw new SecondFactorRefusal({ kind: "second-factor", reason: "required" });
      if (err instanceof AppError && err.code === "TWO_FACTOR_INVALID")
        throw new SecondFactorRefusal({ kind: "second-factor", reason: "invalid" });
      throw err;
    }
  };
}
