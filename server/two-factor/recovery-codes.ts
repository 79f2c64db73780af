import "server-only";
import crypto from "node:crypto";

/**
 * Recovery codes: 16 characters of Crockford's base32 (80 bits, so a stolen hash cannot be searched back to
 * its code), shown as four groups of four. Each is stored as sha256(salt + code) with a salt of its own.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** What a person typed, reduced to the code's 16 characters (case, spaces and dashes ignored; I, L → 1, O → 0). */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  return /^[0-9a-hjkmnp-tv-z]{16}$/.test(s) ? s : null;
}

export function hashRecoveryCode(code: string, salt: string): string {
  return crypto.createHash("sha256").update(`${salt}:${code}`).digest("hex");
}

export function sealRecoveryCode(code: string): { salt: string; code_hash: string } {
  const salt = crypto.randomBytes(16).toString("hex");
  return { salt, code_hash: hashRecoveryCode(normaliseRecoveryCode(code)!, salt) };
}

/** Whether `normalised` is the code behind a stored hash, compared in constant time. */
export function matchesRecoveryCode(normalised: string, row: { salt: string; code_hash: string }): boolean {
  const a = Buffer.from(hashRecoveryCode(normalised, row.salt), "hex");
  const b = Buffer.from(row.code_hash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
