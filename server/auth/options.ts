import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { appUrl, getAuthSecret, sessionSettings } from "../env";
import { getRateLimits } from "../shared-state/rate-limits";
import { clientIp } from "./request-info";
import { knownDeviceFrom } from "./known-device";
import { signInWithThrottle } from "./sign-in";
import { reportSignIn } from "./sign-in-response";
import { relyingPartyFor } from "../two-factor/passkeys";
import { PASSKEY_PROVIDER_ID, signInWithPasskey } from "../two-factor/passkey-sign-in";
import { OIDC_PROVIDER_ID, oidcProviders, signInThroughOidc, ssoAccountOf } from "./oidc";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { closeSignOutSession, openSignInSession } from "./session-lifecycle";

/** next-auth options, built on first use so that `next build` never reads the secret or opens the database. */
export function getAuthOptions(): AuthOptions {
  return {
    secret: getAuthSecret(),
    // The cookie lives as long as a session may (SESSION_MAX_DAYS); the session row decides before that
    // (server/sessions). Secure cookies when the public URL is https.
    session: { strategy: "jwt", maxAge: sessionSettings().maxAgeMs / 1000 },
    useSecureCookies: sessionSettings().secureCookies,
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          // The second factor, for accounts that have one (server/two-factor): asked for after a right password.
          code: { label: "Code", type: "text" },
          // Or a passkey's assertion (JSON from @simplewebauthn/browser), as that second factor.
          passkey: { label: "Passkey", type: "text" },
        },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          const outcome = await signInWithThrottle(
            { db: getDb(), limits: getRateLimits(), authSecret: getAuthSecret(), now: Date.now, relyingParty: relyingPartyFor(appUrl()) },
            {
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              ip: clientIp(headers),
              userAgent: headers.get("user-agent") ?? "",
              knownDevice: knownDeviceFrom(headers.get("cookie")),
              code: credentials?.code ? String(credentials.code) : undefined,
              passkey: credentials?.passkey ? String(credentials.passkey) : undefined,
            },
          );
          // The route handler (app/api/auth/[...nextauth]/route.ts) turns the report into 429 + Retry-After
          // or the known-device cookie; next-auth's client sees error=RATE_LIMITED.
          if (outcome.kind === "throttled") {
            reportSignIn({ retryAfterSec: outcome.retryAfterSec });
            throw new Error("RATE_LIMITED");
          }
          if (outcome.kind === "failed") return null;
          // Only after a right password: the form asks for the code (error=TWO_FACTOR_REQUIRED) or says it was wrong.
          if (outcome.kind === "second-factor")
            throw new Error(outcome.reason === "required" ? "TWO_FACTOR_REQUIRED" : "TWO_FACTOR_INVALID");
          reportSignIn({ knownDevice: outcome.knownDevice });
          const { actor } = outcome;
          return { id: String(actor.id), email: actor.email, name: actor.name, role: actor.role };
        },
      }),
      // Staff sign in with a passkey alone (server/two-factor/passkey-sign-in.ts): the authenticator verified them.
      CredentialsProvider({
        id: PASSKEY_PROVIDER_ID,
        name: "Passkey",
        credentials: { passkey: { label: "Passkey", type: "text" } },
        async authorize(credentials, req) {
          const headers = new Headers(req.headers as Record<string, string>);
          const outcome = await signInWithPasskey(
            { db: getDb(), limits: getRateLimits(), now: Date.now, relyingParty: relyingPartyFor(appUrl()) },
            { passkey: String(credentials?.passkey ?? ""), ip: clientIp(headers), userAgent: headers.get("user-agent") ?? "" },
          );
          if (outcome.kind === "throttled") {
            reportSignIn({ retryAfterSec: outcome.retryAfterSec });
            throw new Error("RATE_LIMITED");
          }
          if (outcome.kind === "failed") return null;
          const { actor } = outcome;
          return { id: String(actor.id), email: actor.email, name: actor.name, role: actor.role };
        },
      }),
      // Single sign-on for staff (server/auth/oidc.ts), when OIDC_ISSUER is set.
      ...oidcProviders(),
    ],
    callbacks: {
      // Single sign-on: the provider proved who it is; signInWithSso decides which Mayak account, if any.
      signIn({ user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID) return signInThroughOidc(user, profile);
        return true;
      },
      // Every redirect next-auth makes (callbackUrl of sign-in and sign-out, its cookie) stays on this site.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      // The token carries the user id and the role at sign-in; every request still re-reads the account,
      // so a role change or a disabled account takes effect at once.
      async jwt({ token, user, account }) {
        if (user && account?.provider === OIDC_PROVIDER_ID) {
          // Single sign-on: the account the signIn callback chose, never the provider's subject.
          const actor = ssoAccountOf(user);
          token.uid = actor.id;
          token.role = actor.role;
        } else if (user) {
          token.uid = Number(user.id);
          token.role = (user as { role?: string }).role;
        }
        // Each sign-in opens a session row (server/sessions); the token carries its id.
        if (user && typeof token.uid === "number") token.sid = await openSignInSession(token.uid);
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid as number | undefined, role: token.role as string | undefined };
      },
    },
    // Signing out ends this browser's session row (server/sessions).
    events: {
      signOut: ({ token }) => closeSignOutSession(token),
    },
  };
}
