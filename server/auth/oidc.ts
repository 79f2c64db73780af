import "server-only";
import type { Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import type { DB } from "../db";
import { getDb } from "../db";
import type { Actor, RequestCtx } from "../context";
import { getEnv, type Env } from "../env";
import { signInWithSso, type SsoPolicy, type SsoRefusal } from "../users/sign-in-with-sso";
import { clientIp } from "./request-info";

/**
 * Single sign-on for staff: OpenID Connect, authorization code with PKCE, through next-auth's OAuth
 * provider (openid-client underneath). next-auth checks the protocol: state and PKCE verifier and nonce
 * bound to this browser by signed cookies that are cleared on use, the id_token's signature against the
 * provider's JWKS, its issuer, audience and expiry, and the `iss` of the authorization response. This module
 * adds what next-auth leaves open (the issuer of the discovery document is never compared with the one
 * configured) and hands the claims to signInWithSso, which decides who signs in.
 */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig extends SsoPolicy {
  clientId: string;
  clientSecret: string;
  /** The button label: "Sign in with <name>". */
  name: string;
  scopes: string;
}

/** The configuration, or null when single sign-on is off (no OIDC_ISSUER). */
export function oidcConfigFrom(env: Env): OidcConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
    scopes: env.OIDC_SCOPES.trim(),
    jit: env.OIDC_JIT === "true",
    roleClaim: env.OIDC_ROLE_CLAIM,
    roleMap: env.OIDC_ROLE_MAP,
    allowedDomains: env.OIDC_ALLOWED_DOMAINS,
  };
}

/** The discovery document of an issuer (OpenID Connect Discovery 1.0, section 4). */
export function wellKnownUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
}

/** The next-auth provider for this configuration. */
export function oidcProvider(cfg: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: cfg.name,
    type: "oauth",
    wellKnown: wellKnownUrl(cfg.issuer),
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    authorization: { params: { scope: cfg.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Runs after openid-client has checked the id_token against the discovered issuer: both must also be the
    // issuer configured, or a discovery document (or a provider behind the same URL) could name another one.
    // Claims the id_token leaves out (providers may keep email and groups for the userinfo endpoint) are
    // read from userinfo, whose `sub` must be the id_token's; the signed id_token wins where both have a claim.
    userinfo: {
      async request({ tokens, client }) {
        // An openid-client TokenSet, whose id_token openid-client has just verified.
        const idClaims = (tokens as typeof tokens & { claims(): Record<string, unknown> }).claims();
        const discovered = client.issuer.metadata.issuer;
        if (discovered !== cfg.issuer || idClaims.iss !== cfg.issuer) {
          throw new Error(`issuer mismatch: configured ${cfg.issuer}, discovery document ${discovered}, id_token ${String(idClaims.iss)}`);
        }
        if (!client.issuer.metadata.userinfo_endpoint || !tokens.access_token) return idClaims as Profile;
        const info = (await client.userinfo(tokens.access_token)) as Record<string, unknown>;
        if (info.sub !== idClaims.sub) throw new Error("userinfo is about another subject than the id_token");
        return { ...info, ...idClaims } as Profile;
      },
    },
    profile(claims) {
      return {
        id: String(claims.sub),
        email: typeof claims.email === "string" ? claims.email : null,
        name: typeof claims.name === "string" ? claims.name : null,
      };
    },
  };
}

/** What the sign-in page reads: the error parameter of a refused single sign-on. */
export const ssoErrorParam = (reason: SsoRefusal) => `sso_${reason}`;

/**
 * The signIn callback for this provider: true, after pointing next-auth's user at the Mayak account (the
 * jwt callback then carries its id and role), or the sign-in page with the reason it was refused.
 */
export async function completeOidcSignIn(
  deps: { db: DB; ctx: RequestCtx; policy: SsoPolicy },
  user: User,
  claims: Profile | undefined,
): Promise<true | string> {
  const outcome = await signInWithSso(deps.db, deps.ctx, deps.policy, (claims ?? {}) as Record<string, unknown>);
  if (outcome.kind === "refused") return `/signin?error=${ssoErrorParam(outcome.reason)}`;
  const { actor } = outcome;
  Object.assign(user, { id: String(actor.id), email: actor.email, name: actor.name, role: actor.role });
  chosen.set(user, actor);
  return true;
}

// next-auth passes the signIn callback's user object on to the jwt callback (no adapter, JWT sessions).
const chosen = new WeakMap<User, Actor>();

/**
 * For the jwt callback: the Mayak account completeOidcSignIn chose for this sign-in. Throws when there is
 * none, so that the provider's own subject can never become a Mayak user id.
 */
export function ssoAccountOf(user: User): Actor {
  const actor = chosen.get(user);
  if (!actor) throw new Error("single sign-on reached the session without a Mayak account");
  return actor;
}

/** The request's address and browser for the audit trail (next-auth hands the signIn callback no request). */
async function ssoRequestCtx(): Promise<RequestCtx> {
  let h: Headers;
  try {
    h = (await headers()) as unknown as Headers;
  } catch {
    h = new Headers(); // outside a request (next-auth's handler called directly, as the tests do)
  }
  return { actor: null, ip: clientIp(h), userAgent: (h.get("user-agent") ?? "").slice(0, 512), now: Date.now };
}

/** The app's signIn callback branch for single sign-on. */
export async function signInThroughOidc(user: User, claims: Profile | undefined): Promise<boolean | string> {
  const cfg = oidcConfigFrom(getEnv());
  if (!cfg) return false;
  return completeOidcSignIn({ db: getDb(), ctx: await ssoRequestCtx(), policy: cfg }, user, claims);
}

/** The providers to add to next-auth: this one when configured. */
export function oidcProviders(): OAuthConfig<Record<string, unknown>>[] {
  const cfg = oidcConfigFrom(getEnv());
  return cfg ? [oidcProvider(cfg)] : [];
}

/** For the sign-in page: the button's name when single sign-on is configured. */
export function oidcButtonName(): string | null {
  return oidcConfigFrom(getEnv())?.name ?? null;
}
