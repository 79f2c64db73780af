import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import type { Role } from "../db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { transact } from "../db/transact";
import type { RoleMapping, SsoRole } from "../auth/oidc-config";
import { ZEmail, ZName } from "./schemas";
import { insertUser } from "./sign-up";
import { hashPassword } from "../auth/password";

/** What the app was configured to accept from its OpenID Provider (server/auth/oidc-config.ts). */
export interface SsoPolicy {
  issuer: string;
  /** Create a staff account on first sign-in (OIDC_JIT). */
  jit: boolean;
  /** The claim that names the role (OIDC_ROLE_CLAIM): a string or a list of strings. */
  roleClaim?: string;
  roleMap: readonly RoleMapping[];
  /** Email domains allowed to sign in; empty: any. */
  allowedDomains: readonly string[];
}

export type SsoRefusal = "email_missing" | "email_unverified" | "domain_not_allowed" | "no_account" | "no_role" | "disabled" | "not_staff";

export type SsoOutcome = { kind: "signed-in"; actor: Actor; created: boolean } | { kind: "refused"; reason: SsoRefusal };

const RANK: Record<SsoRole, number> = { agent: 1, lead: 2, admin: 3 };

/**
 * The claim's value: a top-level claim of that exact name (namespaced claims such as
 * "https://example.com/roles" contain dots), else a dotted path (Keycloak's "realm_access.roles").
 */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split(".")) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The staff role the role claim maps to, or null when none of its values is mapped. A list of groups in
 * several mapped groups gets the highest of their roles; nothing unmapped ever becomes a role.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  roleClaim: string | undefined,
  roleMap: readonly RoleMapping[],
): SsoRole | null {
  if (!roleClaim) return null;
  const raw = readClaim(claims, roleClaim);
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
  let best: SsoRole | null = null;
  for (const m of roleMap) {
    if (values.includes(m.value) && (!best || RANK[m.role] > RANK[best])) best = m.role;
  }
  return best;
}

/** Whether the address is in one of the allowed domains (exactly, not a subdomain); any when the list is empty. */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return allowedDomains.includes(domain);
}

/** `email_verified` as a boolean, or as the string some providers send (Cognito): nothing else counts. */
function emailVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.email_verified === "true";
}

function nameFrom(claims: Record<string, unknown>, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((v) => typeof v === "string").join(" ");
  for (const candidate of [claims.name, given, claims.preferred_username]) {
    const name = ZName.safeParse(typeof candidate === "string" ? candidate.slice(0, 120) : undefined);
    if (name.success) return name.data;
  }
  return email.slice(0, email.indexOf("@")).slice(0, 120) || email;
}

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Actor["locale"];
  disabled: number;
  erased_at: number | null;
  password_hash: string | null;
};

async function findUserByEmail(db: DB, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "locale", "disabled", "erased_at", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
}

/**
 * Signs a staff member in from the claims of an id_token the OpenID Provider signed (checked by next-auth
 * before this runs: issuer, audience, signature, expiry, nonce, state and PKCE). The account is the one with
 * the claim's email, which the provider must say it verified (an invitation not yet accepted is accepted by
 * it); with JIT on, a missing account is created with the role its role claim maps to. Customers, disabled and erased accounts, unverified or foreign addresses
 * are refused. Every outcome is audited: a sign-in (and a creation) in the transaction that makes it, a
 * refusal with no actor, as a failed password sign-in is.
 */
export async function signInWithSso(db: DB, ctx: RequestCtx, policy: SsoPolicy, claims: Record<string, unknown>): Promise<SsoOutcome> {
  const subject = typeof claims.sub === "string" ? claims.sub.slice(0, 255) : "";
  const parsedEmail = ZEmail.safeParse(claims.email);
  const email = parsedEmail.success ? parsedEmail.data : null;
  const sso = { method: "oidc", issuer: policy.issuer, subject };

  const refuse = async (reason: SsoRefusal, user?: UserRow): Promise<SsoOutcome> => {
    await transact(db, (trx) =>
      recordAudit(
        trx,
        { ...ctx, actor: null },
        {
          action: "auth.sign_in_failed",
          entityType: "user",
          entityId: user?.id ?? email ?? "unknown",
          after: { reason, ...sso },
        },
      ),
    );
    return { kind: "refused", reason };
  };

  if (!email || !subject) return refuse("email_missing");
  if (!emailVerified(claims)) return refuse("email_unverified");
  if (!emailDomainAllowed(email, policy.allowedDomains)) return refuse("domain_not_allowed");

  // Twice at most: a first sign-in that loses a race to create the account signs in to the one that won.
  for (let round = 0; ; round++) {
    const user = await findUserByEmail(db, email);
    if (user) {
      if (user.disabled || user.erased_at !== null) return refuse("disabled", user);
      if (user.role === "customer") return refuse("not_staff", user);
      const actor: Actor = { id: user.id, role: user.role, email: user.email, name: user.name, locale: user.locale };
      // An invitation not yet accepted (no password): signing in through the provider accepts it.
      const passwordHash = user.password_hash ? null : await unknownPasswordHash();
      await transact(db, async (trx) => {
        if (passwordHash) {
          const accepted = await trx
            .updateTable("users")
            .set({ password_hash: passwordHash, invite_token_hash: null, invite_expires_at: null, updated_at: ctx.now() })
            .where("id", "=", user.id)
            .where("password_hash", "is", null)
            .executeTakeFirst();
          if (Number(accepted.numUpdatedRows) > 0) {
            await recordAudit(
              trx,
              { ...ctx, actor },
              { action: "user.invite_accepted", entityType: "user", entityId: user.id, after: sso },
            );
          }
        }
        await trx.updateTable("users").set({ last_sign_in_at: ctx.now() }).where("id", "=", user.id).execute();
        await recordAudit(trx, { ...ctx, actor }, { action: "auth.signed_in", entityType: "user", entityId: user.id, after: sso });
      });
      return { kind: "signed-in", actor, created: false };
    }
    if (!policy.jit) return refuse("no_account");
    const role = roleFromClaims(claims, policy.roleClaim, policy.roleMap);
    if (!role) return refuse("no_role");
    try {
      const actor = await createSsoUser(db, ctx, { email, role, claims, sso });
      return { kind: "signed-in", actor, created: true };
    } catch (err) {
      if (round === 0 && err instanceof AppError && err.code === "EMAIL_TAKEN") continue;
      throw err;
    }
  }
}

async function createSsoUser(
  db: DB,
  ctx: RequestCtx,
  input: { email: string; role: SsoRole; claims: Record<string, unknown>; sso: Record<string, string> },
): Promise<Actor> {
  const name = nameFrom(input.claims, input.email);
  const passwordHash = await unknownPasswordHash();
  const locale = typeof input.claims.locale === "string" && input.claims.locale.toLowerCase().startsWith("ru") ? "ru" : "en";
  const now = ctx.now();
  return transact(db, async (trx) => {
    const id = await insertUser(trx, now, { email: input.email, name, role: input.role, locale, passwordHash });
    await trx.updateTable("users").set({ last_sign_in_at: now }).where("id", "=", id).execute();
    const actor: Actor = { id, role: input.role, email: input.email, name, locale };
    await recordAudit(
      trx,
      { ...ctx, actor },
      {
        action: "user.sso_created",
        entityType: "user",
        entityId: id,
        after: { email: input.email, name, role: input.role, ...input.sso },
      },
    );
    await recordAudit(trx, { ...ctx, actor }, { action: "auth.signed_in", entityType: "user", entityId: id, after: input.sso });
    return actor;
  });
}

/**
 * A password nobody knows, for accounts that sign in through the provider: an account without any password
 * is an invitation not yet accepted, and has no session (users/get-actor.ts). The person can still set a
 * password of their own through "forgot password".
 */
function unknownPasswordHash(): Promise<string> {
  return hashPassword(crypto.randomBytes(32).toString("base64url"));
}
