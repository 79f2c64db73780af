import "server-only";
import QRCode from "qrcode";
import type { DB } from "../db";
import type { Tx } from "../db/dialect";
import type { Actor, RequestCtx } from "../context";
import type { Role } from "../db/schema";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { verifyPassword } from "../auth/password";
import { sealSecret, openSecret } from "./secret-box";
import { newTotpSecret, totpUri, verifyTotp } from "./totp";
import { RECOVERY_CODE_COUNT, newRecoveryCode, sealRecoveryCode } from "./recovery-codes";
import { countCodeAttempt, forgiveCodeAttempts, useSecondFactorCode, type TwoFactorDeps } from "./second-factor";
import { getTwoFactorPolicy } from "./policy";
import { listPasskeys, passkeyRegistrationOptions, removePasskey, type PasskeySummary, type RelyingParty } from "./passkeys";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { msg } from "@/lib/i18n";

type SignedIn = RequestCtx & { actor: Actor };

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: number | null;
  /** An enrolment was started and waits for its first code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** Passkeys, each a second factor too (and, for staff, a way to sign in without the password). */
  passkeys: PasskeySummary[];
  /** The actor's role requires a second factor. */
  required: boolean;
  /** Required and neither an app nor a passkey: the actor can do nothing else until enrolled. */
  due: boolean;
}

export async function getTwoFactorStatus(db: DB, actor: Actor, defaults: readonly Role[]): Promise<TwoFactorStatus> {
  const row = await db.selectFrom("user_two_factor").select(["enabled_at"]).where("user_id", "=", actor.id).executeTakeFirst();
  const left = await db
    .selectFrom("user_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", actor.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  const enabled = row?.enabled_at != null;
  const policy = await getTwoFactorPolicy(db, defaults);
  const required = policy.requiredRoles.includes(actor.role);
  const passkeys = await listPasskeys(db, actor.id);
  return {
    enabled,
    enabledAt: enabled ? Number(row!.enabled_at) : null,
    pending: !!row && !enabled,
    recoveryCodesLeft: enabled ? Number(left.n) : 0,
    passkeys,
    required,
    due: required && !enabled && passkeys.length === 0,
  };
}

export interface EnrolmentStart {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  uri: string;
  /** The URI as a QR code (PNG data URL). */
  qrDataUrl: string;
}

/**
 * Starts an enrolment: a new secret, generated here and stored encrypted, not yet in force. Starting again
 * replaces a pending one. Refused while a second factor is on (turn it off first).
 */
export async function beginEnrolment(
  db: DB,
  ctx: SignedIn,
  deps: Pick<TwoFactorDeps, "authSecret">,
  issuer?: string,
): Promise<EnrolmentStart> {
  const secret = newTotpSecret();
  const now = ctx.now();
  await transact(db, async (trx) => {
    const row = await trx.selectFrom("user_two_factor").select(["enabled_at"]).where("user_id", "=", ctx.actor.id).executeTakeFirst();
    if (row?.enabled_at != null) throw new AppError("TWO_FACTOR_ENABLED", msg("twoFactor.err.enabled"));
    await trx.deleteFrom("user_two_factor").where("user_id", "=", ctx.actor.id).execute();
    await trx
      .insertInto("user_two_factor")
      .values({
        user_id: ctx.actor.id,
        secret_enc: sealSecret(deps.authSecret, ctx.actor.id, secret),
        enabled_at: null,
        last_step: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, ctx, { action: "two_factor.enrolment_started", entityType: "user", entityId: ctx.actor.id });
  });
  const uri = totpUri(secret, ctx.actor.email, issuer);
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 }) };
}

async function replaceRecoveryCodes(trx: Tx, userId: number, now: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("user_recovery_codes")
    .values(codes.map((c) => ({ user_id: userId, ...sealRecoveryCode(c), used_at: null, created_at: now })))
    .execute();
  return codes;
}

/**
 * Confirms an enrolment with the first code from the app: only then is the second factor on. Returns the
 * ten recovery codes, which are shown this once (only their hashes are kept).
 */
export async function confirmEnrolment(
  db: DB,
  ctx: SignedIn,
  input: { code: string },
  deps: TwoFactorDeps,
): Promise<{ recoveryCodes: string[] }> {
  const userId = ctx.actor.id;
  const row = await db.selectFrom("user_two_factor").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (!row) throw new AppError("TWO_FACTOR_NOT_ENABLED", msg("twoFactor.err.noEnrolment"));
  if (row.enabled_at != null) throw new AppError("TWO_FACTOR_ENABLED", msg("twoFactor.err.enabled"));
  await countCodeAttempt(deps, userId);
  const secret = openSecret(deps.authSecret, userId, row.secret_enc);
  const step = secret === null ? null : await verifyTotp(secret, input.code.replace(/\s/g, ""), ctx.now(), null);
  if (step === null) throw new AppError("TWO_FACTOR_INVALID", msg("twoFactor.err.invalid"), "code");
  const now = ctx.now();
  const codes = await transact(db, async (trx) => {
    const res = await trx
      .updateTable("user_two_factor")
      .set({ enabled_at: now, last_step: step, updated_at: now })
      .where("user_id", "=", userId)
      .where("enabled_at", "is", null)
      .where("secret_enc", "=", row.secret_enc)
      .executeTakeFirst();
    // Another tab started over or finished first.
    if (Number(res.numUpdatedRows) !== 1) throw new AppError("TWO_FACTOR_NOT_ENABLED", msg("twoFactor.err.noEnrolment"));
    const recovery = await replaceRecoveryCodes(trx, userId, now);
    await recordAudit(trx, ctx, {
      action: "two_factor.enabled",
      entityType: "user",
      entityId: userId,
      after: { method: "totp", recoveryCodes: recovery.length },
    });
    return recovery;
  });
  await forgiveCodeAttempts(deps, userId);
  return { recoveryCodes: codes };
}

/**
 * Proves the signed-in person is the account's owner before a change to the second factor: the password,
 * or a code (authenticator or recovery code, used up). Attempts count with the sign-in codes.
 */
export async function proveOwner(
  db: DB,
  ctx: SignedIn,
  input: { code?: string; password?: string },
  deps: TwoFactorDeps,
): Promise<"password" | "totp" | "recovery"> {
  const userId = ctx.actor.id;
  if (!input.code && !input.password) throw new AppError("INVALID_INPUT", msg("twoFactor.err.proof"), "code");
  await countCodeAttempt(deps, userId);
  let proof: "password" | "totp" | "recovery" | null = null;
  if (input.code) {
    proof = await useSecondFactorCode(db, ctx, userId, input.code, deps.authSecret);
    if (!proof) throw new AppError("TWO_FACTOR_INVALID", msg("twoFactor.err.invalid"), "code");
  } else {
    const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, input.password!.slice(0, 200)))) {
      throw new AppError("TWO_FACTOR_INVALID", msg("twoFactor.err.password"), "password");
    }
    proof = "password";
  }
  await forgiveCodeAttempts(deps, userId);
  return proof;
}

async function requireEnabled(db: DB, userId: number): Promise<void> {
  const row = await db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", userId).executeTakeFirst();
  if (row?.enabled_at == null) throw new AppError("TWO_FACTOR_NOT_ENABLED", msg("twoFactor.err.notEnabled"));
}

/** Turns the second factor off (with a code or the password): the secret and the recovery codes are deleted. */
export async function disableTwoFactor(
  db: DB,
  ctx: SignedIn,
  input: { code?: string; password?: string },
  deps: TwoFactorDeps,
): Promise<{ ok: true }> {
  const userId = ctx.actor.id;
  await requireEnabled(db, userId);
  const proof = await proveOwner(db, ctx, input, deps);
  await transact(db, async (trx) => {
    await trx.deleteFrom("user_two_factor").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
    await recordAudit(trx, ctx, { action: "two_factor.disabled", entityType: "user", entityId: userId, after: { proof } });
  });
  return { ok: true };
}

/** Ten new recovery codes (the old ones stop working), shown once; needs a code or the password. */
export async function replaceRecoveryCodesFor(
  db: DB,
  ctx: SignedIn,
  input: { code?: string; password?: string },
  deps: TwoFactorDeps,
): Promise<{ recoveryCodes: string[] }> {
  const userId = ctx.actor.id;
  await requireEnabled(db, userId);
  const proof = await proveOwner(db, ctx, input, deps);
  const codes = await transact(db, async (trx) => {
    const recovery = await replaceRecoveryCodes(trx, userId, ctx.now());
    await recordAudit(trx, ctx, {
      action: "two_factor.recovery_codes_replaced",
      entityType: "user",
      entityId: userId,
      after: { proof, recoveryCodes: recovery.length },
    });
    return recovery;
  });
  return { recoveryCodes: codes };
}

/** Options for adding a passkey, once the password or a code has proved the owner (a stolen session cannot add one). */
export async function startPasskeyRegistration(
  db: DB,
  ctx: SignedIn,
  input: { code?: string; password?: string },
  deps: TwoFactorDeps & { relyingParty: RelyingParty },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await proveOwner(db, ctx, input, deps);
  return passkeyRegistrationOptions(db, ctx, deps.relyingParty);
}

/** Removes one of the actor's passkeys, with the password or a code. */
export async function removeOwnPasskey(
  db: DB,
  ctx: SignedIn,
  input: { id: number; code?: string; password?: string },
  deps: TwoFactorDeps,
): Promise<{ ok: true }> {
  const own = await db
    .selectFrom("user_passkeys")
    .select("id")
    .where("id", "=", input.id)
    .where("user_id", "=", ctx.actor.id)
    .executeTakeFirst();
  if (!own) throw notFound();
  await proveOwner(db, ctx, input, deps);
  return removePasskey(db, ctx, { id: input.id });
}
