import "server-only";
import crypto from "node:crypto";

/**
 * Authenticator secrets are kept encrypted at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the
 * auth secret, with the user id as associated data, so that a copy of the database alone reveals no secret
 * and a ciphertext moved to another user's row does not decrypt. Changing NEXTAUTH_SECRET makes the stored
 * secrets unreadable: those users sign in with a recovery code, or an admin resets their second factor.
 */
const VERSION = "v1";

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", authSecret, "mayak", "mayak.totp-secret.v1", 32));
}

const aad = (userId: number) => Buffer.from(`user:${userId}`);

export function sealSecret(authSecret: string, userId: number, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  cipher.setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The secret, or null when it cannot be read (another auth secret, another user's row, a damaged value). */
export function openSecret(authSecret: string, userId: number, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(authSecret), Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
