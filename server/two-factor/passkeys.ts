import "server-only";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import { isUniqueViolation } from "../db/dialect";
import { msg } from "@/lib/i18n";

/** @simplewebauthn/server on first use: it takes most of a second to import, which every process would pay otherwise. */
const webauthn = () => import("@simplewebauthn/server");

/**
 * Passkeys (WebAuthn credentials) with @simplewebauthn/server: as a second factor after the password, and for
 * staff as a way to sign in without one. The relying party is the app's public URL (APP_URL / NEXTAUTH_URL):
 * its host name is the RP ID the browser scopes credentials to, its origin the only one accepted, so a
 * phishing site can neither use nor relay them. Challenges are random, kept five minutes and used once
 * (deleted as they are checked); the signature counter must move forward when an authenticator keeps one.
 */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyFor(appUrl: string, name = "Mayak"): RelyingParty {
  const url = new URL(appUrl);
  return { id: url.hostname, origin: url.origin, name };
}

const CHALLENGE_MS = 5 * 60_000;
type Purpose = "register" | "authenticate";

async function keepChallenge(db: DB, challenge: string, purpose: Purpose, userId: number | null, now: number): Promise<void> {
  await db.deleteFrom("webauthn_challenges").where("expires_at", "<", now).execute();
  await db
    .insertInto("webauthn_challenges")
    .values({ challenge, purpose, user_id: userId, expires_at: now + CHALLENGE_MS })
    .execute();
}

/** Uses a challenge up: true once for a challenge handed out for this purpose (and user) that has not expired. */
async function useChallenge(db: DB, challenge: string, purpose: Purpose, userId: number | null, now: number): Promise<boolean> {
  if (challenge.length > 128) return false;
  let q = db
    .deleteFrom("webauthn_challenges")
    .where("challenge", "=", challenge)
    .where("purpose", "=", purpose)
    .where("expires_at", ">=", now);
  q = userId === null ? q.where("user_id", "is", null) : q.where("user_id", "=", userId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export interface PasskeySummary {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export async function listPasskeys(db: DB, userId: number): Promise<PasskeySummary[]> {
  const rows = await db
    .selectFrom("user_passkeys")
    .select(["id", "name", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: Number(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  }));
}

/** Options for navigator.credentials.create(): the user's existing passkeys are excluded, a new challenge is kept. */
export async function passkeyRegistrationOptions(
  db: DB,
  ctx: RequestCtx & { actor: Actor },
  rp: RelyingParty,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db
    .selectFrom("user_passkeys")
    .select(["credential_id", "transports"])
    .where("user_id", "=", ctx.actor.id)
    .execute();
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: ctx.actor.email,
    userDisplayName: ctx.actor.name,
    userID: new TextEncoder().encode(`mayak-user-${ctx.actor.id}`),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports ? c.transports.split(",") : undefined })),
    // Discoverable where the authenticator can, so that staff can sign in with it alone.
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await keepChallenge(db, options.challenge, "register", ctx.actor.id, ctx.now());
  return options;
}

const refused = () => new AppError("TWO_FACTOR_INVALID", msg("twoFactor.err.passkey"), "passkey");

/** Registers the passkey the browser created for the options above (audited as two_factor.passkey_added). */
export async function addPasskey(
  db: DB,
  ctx: RequestCtx & { actor: Actor },
  // Shape and sizes checked by the caller's schema (ZRegistrationResponse); the library checks the rest.
  input: { response: { id: string }; name: string },
  rp: RelyingParty,
): Promise<PasskeySummary> {
  const userId = ctx.actor.id;
  const now = ctx.now();
  let verification;
  try {
    const { verifyRegistrationResponse } = await webauthn();
    verification = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: (challenge) => useChallenge(db, challenge, "register", userId, now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    throw refused();
  }
  if (!verification.verified) throw refused();
  const { credential } = verification.registrationInfo;
  if (credential.id.length > 512) throw refused();
  try {
    return await transact(db, async (trx) => {
      const res = await trx
        .insertInto("user_passkeys")
        .values({
          user_id: userId,
          credential_id: credential.id,
          public_key: Buffer.from(credential.publicKey).toString("base64url"),
          counter: credential.counter,
          transports: credential.transports?.join(",").slice(0, 255) ?? null,
          name: input.name,
          created_at: now,
          last_used_at: null,
        })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await recordAudit(trx, ctx, {
        action: "two_factor.passkey_added",
        entityType: "user",
        entityId: userId,
        after: { passkey: id, name: input.name },
      });
      return { id, name: input.name, createdAt: now, lastUsedAt: null };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", msg("twoFactor.err.passkeyTaken"), "passkey");
    throw err;
  }
}

/** Removes one of the user's own passkeys; someone else's is NOT_FOUND. Audited as two_factor.passkey_removed. */
export async function removePasskey(db: DB, ctx: RequestCtx & { actor: Actor }, input: { id: number }): Promise<{ ok: true }> {
  await transact(db, async (trx) => {
    const row = await trx
      .selectFrom("user_passkeys")
      .select(["id", "name"])
      .where("id", "=", input.id)
      .where("user_id", "=", ctx.actor.id)
      .executeTakeFirst();
    if (!row) throw notFound();
    await trx.deleteFrom("user_passkeys").where("id", "=", row.id).execute();
    await recordAudit(trx, ctx, {
      action: "two_factor.passkey_removed",
      entityType: "user",
      entityId: ctx.actor.id,
      before: { passkey: row.id, name: row.name },
    });
  });
  return { ok: true };
}

/**
 * Options for navigator.credentials.get(), for anyone (sign-in): no list of credentials, so the answer says
 * nothing about any account; the browser offers the passkeys it holds for this site.
 */
export async function passkeySignInOptions(db: DB, rp: RelyingParty, now: number): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "preferred" });
  await keepChallenge(db, options.challenge, "authenticate", null, now);
  return options;
}

/** Parses what the browser sent (a JSON string in a form field); null when it is not an assertion. */
export function parseAssertion(raw: string | undefined): AuthenticationResponseJSON | null {
  if (!raw || raw.length > 16_000) return null;
  try {
    const value = JSON.parse(raw) as AuthenticationResponseJSON;
    return value && typeof value.id === "string" && value.id.length <= 512 && typeof value.response?.clientDataJSON === "string"
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks an assertion against the stored passkey it names: the challenge (used up), origin, RP ID, signature
 * and counter; `userId` binds it to the account that just gave its password; `requireUserVerification` for
 * signing in with the passkey alone. On success the counter and last use are stored. Returns the passkey's
 * owner, or null.
 */
export async function verifyPasskeyAssertion(
  db: DB,
  assertion: AuthenticationResponseJSON,
  rp: RelyingParty,
  opts: { userId?: number; requireUserVerification: boolean; now: number },
): Promise<{ userId: number; passkeyId: number } | null> {
  const row = await db.selectFrom("user_passkeys").selectAll().where("credential_id", "=", assertion.id).executeTakeFirst();
  if (!row || (opts.userId !== undefined && row.user_id !== opts.userId)) return null;
  let result;
  try {
    const { verifyAuthenticationResponse } = await webauthn();
    result = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: (challenge) => useChallenge(db, challenge, "authenticate", null, opts.now),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: row.credential_id,
        publicKey: new Uint8Array(Buffer.from(row.public_key, "base64url")),
        counter: Number(row.counter),
        transports: row.transports ? (row.transports.split(",") as never) : undefined,
      },
      requireUserVerification: opts.requireUserVerification,
    });
  } catch {
    return null;
  }
  if (!result.verified) return null;
  // Only forward: two requests with one assertion cannot both pass where the authenticator counts.
  const res = await db
    .updateTable("user_passkeys")
    .set({ counter: result.authenticationInfo.newCounter, last_used_at: opts.now })
    .where("id", "=", row.id)
    .where("counter", "=", Number(row.counter))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  return { userId: row.user_id, passkeyId: row.id };
}
