import "server-only";
import { generateSecret, generateURI, verify } from "otplib";

/** RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SEC = 30;
export const TOTP_ISSUER = "Mayak";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI that authenticator apps read from the QR code. */
export function totpUri(secret: string, account: string, issuer = TOTP_ISSUER): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SEC });
}

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

/**
 * The time step a code belongs to, or null. One step either side of now is accepted (phone clocks drift),
 * and only steps after `afterStep` (the last one accepted): a code works once.
 */
export async function verifyTotp(secret: string, code: string, nowMs: number, afterStep: number | null): Promise<number | null> {
  if (!isTotpCode(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      period: TOTP_PERIOD_SEC,
      epochTolerance: TOTP_PERIOD_SEC,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
