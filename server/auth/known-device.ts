import "server-only";
import crypto from "node:crypto";

/**
 * The known-device cookie: set after a successful sign-in, it lets the same browser sign in to the same
 * account while a stranger's failed guesses hold that account's back-off (its own failures count under
 * its own key instead). Signed with a key derived from the auth secret and bound to the account's email;
 * it holds a random device id, the time it was issued and the signature, nothing personal. Only the
 * sign-in endpoint reads it (Path=/api/auth), scripts cannot (HttpOnly).
 */
export const KNOWN_DEVICE_COOKIE = "mayak-device";
export const KNOWN_DEVICE_MAX_AGE_SEC = 180 * 24 * 3600;

const keyOf = (authSecret: string) => crypto.createHmac("sha256", authSecret).update("mayak.known-device.v1").digest();

function mac(authSecret: string, deviceId: string, issuedSec: number, email: string): string {
  return crypto.createHmac("sha256", keyOf(authSecret)).update(`${deviceId}.${issuedSec}.${email}`).digest("base64url");
}

/** A cookie value for `email` (normalised) on this device; keeps the device id when one is given. */
export function issueKnownDevice(
  authSecret: string,
  email: string,
  nowMs: number,
  deviceId = crypto.randomBytes(16).toString("base64url"),
): string {
  const issued = Math.floor(nowMs / 1000);
  return `${deviceId}.${issued}.${mac(authSecret, deviceId, issued, email)}`;
}

/** The device id if `value` is a valid, unexpired cookie for `email`; otherwise null. */
export function readKnownDevice(authSecret: string, value: string | undefined, email: string, nowMs: number): string | null {
  const parts = value?.split(".");
  if (!parts || parts.length !== 3) return null;
  const [deviceId, issuedText, sig] = parts;
  const issued = Number(issuedText);
  if (!/^[\w-]{16,64}$/.test(deviceId) || !Number.isSafeInteger(issued)) return null;
  if (issued * 1000 > nowMs + 60_000 || nowMs - issued * 1000 > KNOWN_DEVICE_MAX_AGE_SEC * 1000) return null;
  const expected = Buffer.from(mac(authSecret, deviceId, issued, email));
  const given = Buffer.from(sig);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? deviceId : null;
}

/** The Set-Cookie header value. Secure whenever the site is served over https. */
export function knownDeviceSetCookie(value: string, secure: boolean): string {
  return `${KNOWN_DEVICE_COOKIE}=${value}; Path=/api/auth; Max-Age=${KNOWN_DEVICE_MAX_AGE_SEC}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The cookie's value from a Cookie header, if present. */
export function knownDeviceFrom(cookieHeader: string | null | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === KNOWN_DEVICE_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
