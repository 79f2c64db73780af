import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { openSecret, sealSecret } from "./secret-box";
import { matchesRecoveryCode, newRecoveryCode, normaliseRecoveryCode, sealRecoveryCode } from "./recovery-codes";
import { newTotpSecret, totpUri, verifyTotp } from "./totp";
import { defaultRequiredRoles, parseRoles } from "./policy";

const SECRET = "unit-test-auth-secret-0123456789";
const T = Date.UTC(2026, 11, 3, 12, 0, 0);
const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });

describe("secret box", () => {
  it("opens what it sealed, for the same user under the same auth secret only", () => {
    const sealed = sealSecret(SECRET, 7, "JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(SECRET, 7, sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret(SECRET, 8, sealed), "moved to another user's row").toBeNull();
    expect(openSecret("another-auth-secret-0123456789", 7, sealed), "another auth secret").toBeNull();
    expect(openSecret(SECRET, 7, sealed.slice(0, -2) + "AA"), "damaged").toBeNull();
    expect(openSecret(SECRET, 7, "garbage")).toBeNull();
    expect(sealSecret(SECRET, 7, "JBSWY3DPEHPK3PXP"), "a fresh IV each time").not.toBe(sealed);
  });
});

describe("recovery codes", () => {
  it("are 16 characters of Crockford base32 in four groups, accepted however they are typed", () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    const plain = code.replace(/-/g, "");
    expect(normaliseRecoveryCode(code)).toBe(plain);
    expect(normaliseRecoveryCode(` ${code.toUpperCase().replace(/-/g, " ")} `)).toBe(plain);
    expect(normaliseRecoveryCode("0000-1111-2222-3333".replace(/0/g, "O").replace(/1/g, "l"))).toBe("0000111122223333");
    expect(normaliseRecoveryCode("123456")).toBeNull();
    expect(normaliseRecoveryCode("uuuu-uuuu-uuuu-uuuu"), "u is not in the alphabet").toBeNull();
  });

  it("are stored as a salted hash that matches only its own code", () => {
    const code = newRecoveryCode();
    const row = sealRecoveryCode(code);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code.replace(/-/g, ""));
    expect(sealRecoveryCode(code).code_hash, "a salt per code").not.toBe(row.code_hash);
    expect(matchesRecoveryCode(normaliseRecoveryCode(code)!, row)).toBe(true);
    expect(matchesRecoveryCode(normaliseRecoveryCode(newRecoveryCode())!, row)).toBe(false);
  });
});

describe("TOTP", () => {
  it("accepts the code of now and one step either side, and only steps after the last one used", async () => {
    const secret = newTotpSecret();
    const step = Math.floor(T / 30_000);
    expect(await verifyTotp(secret, await codeAt(secret, T), T, null)).toBe(step);
    expect(await verifyTotp(secret, await codeAt(secret, T - 30_000), T, null)).toBe(step - 1);
    expect(await verifyTotp(secret, await codeAt(secret, T + 30_000), T, null)).toBe(step + 1);
    expect(await verifyTotp(secret, await codeAt(secret, T - 90_000), T, null), "too old").toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, T), T, step), "used already").toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, T + 30_000), T, step)).toBe(step + 1);
    expect(await verifyTotp(secret, "12345", T, null), "malformed is simply wrong").toBeNull();
    expect(await verifyTotp(secret, "abcdef", T, null)).toBeNull();
  });

  it("builds the otpauth URI that authenticator apps read", () => {
    expect(totpUri("JBSWY3DPEHPK3PXP", "ann@example.test")).toBe(
      "otpauth://totp/Mayak:ann%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Mayak",
    );
  });
});

describe("policy", () => {
  it("requires staff by default in production only, and reads stored roles strictly", () => {
    expect(defaultRequiredRoles(true)).toEqual(["agent", "lead", "admin"]);
    expect(defaultRequiredRoles(false)).toEqual([]);
    expect(parseRoles("")).toEqual([]);
    expect(parseRoles("admin,agent,bogus")).toEqual(["agent", "admin"]);
  });
});
