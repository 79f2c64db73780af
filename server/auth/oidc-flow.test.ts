// Single sign-on end to end at the HTTP level: next-auth's handler with the app's own options
// (getAuthOptions, so the provider, the signIn and jwt callbacks and the database are the app's) against a
// real OpenID Provider (oidc-provider) running in this process, on both dialects. The browser is played by
// fetch and two cookie jars. next-auth is called as a plain API handler (NextAuth(req, res, options)): its
// App Router handler reads next/headers, which only exists inside Next's server. The refusals at the
// protocol level (wrong issuer, bad signature, replayed or foreign state) are here; the browser flow is
// e2e/oidc.spec.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import NextAuth, { type AuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import { createTestDb, describeEachDialect } from "@/tests/db";
import { makeUser } from "@/tests/factories";
import { CookieJar, authorizeAtProvider, startTestOidcProvider, type TestOidcProvider } from "@/tests/oidc-provider";
import type { DB } from "../db";
import { getEnv } from "../env";
import { getAuthOptions } from "./options";
import { oidcConfigFrom, oidcProvider } from "./oidc";
import { getActorById } from "../users/get-actor";

// The app's own modules read the request through next/headers (the address and browser for the audit trail):
// here, the request being handled.
const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => current.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));

const APP = "http://127.0.0.1:3999";
const SECRET = "oidc-flow-test-secret-0123456789";
const CALLBACK = `${APP}/api/auth/callback/oidc`;
let op: TestOidcProvider;

const holder = globalThis as unknown as { __mayakDb?: DB };

beforeAll(async () => {
  op = await startTestOidcProvider({
    redirectUris: [CALLBACK],
    accounts: {
      ana: { email: "ana@corp.example", email_verified: true, name: "Ana Admin", groups: ["staff", "mayak-admins"] },
      sam: { email: "sam@corp.example", email_verified: true, name: "Sam Support", groups: ["support"] },
      existing: { email: "lead.existing@corp.example", email_verified: true, name: "Lee", groups: [] },
      guest: { email: "guest@corp.example", email_verified: true, name: "Guest", groups: ["contractors"] },
      unverified: { email: "unverified@corp.example", email_verified: false, groups: ["support"] },
    },
  });
  // Read once, at the first getEnv() below.
  Object.assign(process.env, {
    NEXTAUTH_URL: APP,
    NEXTAUTH_SECRET: SECRET,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "mayak-oidc-")),
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
    OIDC_NAME: "Corp SSO",
    OIDC_JIT: "true",
    OIDC_ROLE_CLAIM: "groups",
    OIDC_ROLE_MAP: "mayak-admins=admin,mayak-leads=lead,support=agent",
    OIDC_SCOPES: "openid email profile groups",
  });
});

afterAll(async () => {
  await op?.close();
});

/** What next-auth logged as errors: each refusal is checked to be refused for its own reason. */
const loggedErrors: string[] = [];
const captureLogger: AuthOptions["logger"] = {
  error(code, metadata) {
    const m = metadata as { error?: { message?: string }; message?: string } | undefined;
    loggedErrors.push(`${code}: ${m?.error?.message ?? m?.message ?? ""}`);
  },
  warn() {},
  debug() {},
};

interface AppAnswer {
  status: number;
  location: string;
  body: unknown;
}

/** One request to next-auth's handler as the browser with `jar` would send it; the jar keeps what it sets. */
async function callApp(
  jar: CookieJar,
  url: string,
  init: { json?: Record<string, string>; options?: AuthOptions } = {},
): Promise<AppAnswer> {
  const u = new URL(url);
  const req = {
    method: init.json ? "POST" : "GET",
    query: { ...Object.fromEntries(u.searchParams), nextauth: u.pathname.split("/").slice(3) },
    body: init.json,
    cookies: Object.fromEntries([...jar.cookies].map(([k, v]) => [k, decodeURIComponent(v)])),
    headers: {
      host: u.host,
      cookie: jar.header(),
      "user-agent": "oidc-flow-test",
      ...(init.json ? { "content-type": "application/json" } : {}),
    },
  };
  current.headers = new Headers(req.headers);
  const out: AppAnswer & { headers: Map<string, unknown> } = { status: 200, location: "", body: undefined, headers: new Map() };
  const res = {
    status: (code: number) => ((out.status = code), res),
    setHeader: (name: string, value: unknown) => (out.headers.set(name.toLowerCase(), value), res),
    getHeader: (name: string) => out.headers.get(name.toLowerCase()),
    end: () => res,
    json: (body: unknown) => ((out.body = body), res),
    send: (body: unknown) => ((out.body = body), res),
  };
  await NextAuth(req as never, res as never, { ...(init.options ?? getAuthOptions()), logger: captureLogger });
  jar.takeLines((out.headers.get("set-cookie") as string[] | undefined) ?? []);
  out.location = String(out.headers.get("location") ?? "");
  return out;
}

/** Presses "Sign in with …": the app answers with the provider's authorization URL and sets its check cookies. */
async function startSignIn(jar: CookieJar, options?: AuthOptions, issuer = op.issuer): Promise<string> {
  const csrf = (await callApp(jar, `${APP}/api/auth/csrf`, { options })).body as { csrfToken: string };
  const res = await callApp(jar, `${APP}/api/auth/signin/oidc`, {
    options,
    json: { csrfToken: csrf.csrfToken, callbackUrl: `${APP}/inbox`, json: "true" },
  });
  const { url } = res.body as { url: string };
  expect(url.startsWith(`${issuer}/auth?`), url).toBe(true);
  const params = new URL(url).searchParams;
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("state")).toBeTruthy();
  expect(params.get("nonce")).toBeTruthy();
  return url;
}

async function sessionOf(jar: CookieJar): Promise<{ uid?: number; role?: string } | null> {
  const token = jar.cookies.get("next-auth.session-token");
  if (!token) return null;
  return (await decode({ token, secret: SECRET })) as { uid?: number; role?: string } | null;
}

/** The whole round trip as `login`; returns the app's final answer to the callback. */
async function signInAs(login: string, jar = new CookieJar()): Promise<{ res: AppAnswer; jar: CookieJar; callbackUrl: string }> {
  const authorizationUrl = await startSignIn(jar);
  const callbackUrl = await authorizeAtProvider(authorizationUrl, login);
  expect(callbackUrl.startsWith(`${CALLBACK}?`), callbackUrl).toBe(true);
  const res = await callApp(jar, callbackUrl);
  return { res, jar, callbackUrl };
}

const location = (res: AppAnswer) => res.location;

async function auditActions(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("audit_events").select("action").orderBy("id").execute();
  return rows.map((r) => r.action);
}

describeEachDialect("single sign-on through the app's next-auth route", (use) => {
  beforeAll(() => {
    holder.__mayakDb = use();
  });

  it("creates a staff account on first sign-in with the role its group maps to, and signs it in", async () => {
    const db = use();
    const { res, jar } = await signInAs("ana");
    expect(res.status).toBe(302);
    expect(location(res)).toBe(`${APP}/inbox`);
    const user = await db.selectFrom("users").selectAll().where("email", "=", "ana@corp.example").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "admin", name: "Ana Admin", disabled: 0 });
    expect(await sessionOf(jar)).toMatchObject({ uid: user.id, role: "admin" });
    // The session is one the app accepts: the account it names is usable.
    expect(await getActorById(db, user.id)).toMatchObject({ id: user.id, role: "admin" });
    // The check cookies are spent.
    expect(jar.cookies.has("next-auth.state")).toBe(false);
    expect(jar.cookies.has("next-auth.pkce.code_verifier")).toBe(false);
    const events = await db.selectFrom("audit_events").selectAll().where("entity_id", "=", String(user.id)).orderBy("id").execute();
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ["user.sso_created", user.id],
      ["auth.signed_in", user.id],
    ]);
    expect(JSON.parse(events[1].after_json ?? "{}")).toMatchObject({ method: "oidc", issuer: op.issuer, subject: "ana" });
    expect(events[1].user_agent).toBe("oidc-flow-test");
  });

  it("signs an existing staff member in to their account, keeping the role Mayak gave them", async () => {
    const db = use();
    const lead = await makeUser(db, "lead", { email: "lead.existing@corp.example" });
    const { res, jar } = await signInAs("existing");
    expect(location(res)).toBe(`${APP}/inbox`);
    expect(await sessionOf(jar)).toMatchObject({ uid: lead.id, role: "lead" });
    expect((await auditActions(db)).at(-1)).toBe("auth.signed_in");
  });

  it("refuses a first sign-in whose groups map to no role, with a reason for the sign-in page, and creates nothing", async () => {
    const db = use();
    const { res, jar } = await signInAs("guest");
    expect(res.status).toBe(302);
    expect(location(res)).toBe("/signin?error=sso_no_role");
    expect(await sessionOf(jar)).toBeNull();
    expect(await db.selectFrom("users").select("id").where("email", "=", "guest@corp.example").executeTakeFirst()).toBeUndefined();
    expect((await auditActions(db)).at(-1)).toBe("auth.sign_in_failed");
  });

  it("refuses an address the provider has not verified", async () => {
    const { res, jar } = await signInAs("unverified");
    expect(location(res)).toBe("/signin?error=sso_email_unverified");
    expect(await sessionOf(jar)).toBeNull();
  });
});

describe("single sign-on refused at the protocol level", () => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    holder.__mayakDb = db.db;
  });
  afterAll(async () => {
    await db.destroy();
  });

  /**
   * A refusal by next-auth's OAuth callback, for `reason` (what it logged): no session, and the browser ends
   * on the sign-in page with error=OAuthCallback, which the page explains.
   */
  async function expectRefused(res: AppAnswer, jar: CookieJar, reason: RegExp) {
    expect(res.status).toBe(302);
    expect(location(res)).toBe(`${APP}/api/auth/error?error=OAuthCallback`);
    expect(await sessionOf(jar)).toBeNull();
    expect(loggedErrors.at(-1)).toMatch(reason);
    const error = await callApp(jar, location(res));
    const signin = await callApp(jar, location(error));
    expect(location(signin)).toMatch(/^\/signin\?callbackUrl=.*&error=OAuthCallback$/);
  }

  it("signs in when nothing is tampered with (the baseline for the cases below)", async () => {
    const { jar } = await signInAs("sam");
    expect(await sessionOf(jar)).toMatchObject({ role: "agent" });
  });

  describe("wrong issuer", () => {
    it("refuses when the discovery document names another issuer than its id_tokens carry", async () => {
      op.tamper.discoveryIssuer = "http://127.0.0.1:1/other-issuer";
      try {
        const jar = new CookieJar();
        const authorizationUrl = await startSignIn(jar);
        const callbackUrl = await authorizeAtProvider(authorizationUrl, "sam");
        await expectRefused(await callApp(jar, callbackUrl), jar, /iss mismatch, expected http:\/\/127\.0\.0\.1:1\/other-issuer/);
      } finally {
        op.tamper.discoveryIssuer = undefined;
      }
    });

    it("refuses when the provider is consistent but is not the issuer configured (the same server under another name)", async () => {
      // The app is configured with http://localhost:<port>; the provider there calls itself http://127.0.0.1:<port>.
      const aliased = op.issuer.replace("127.0.0.1", "localhost");
      const options = { ...getAuthOptions(), providers: [oidcProvider({ ...oidcConfigFrom(getEnv())!, issuer: aliased })] };
      const jar = new CookieJar();
      const callbackUrl = await authorizeAtProvider(await startSignIn(jar, options, aliased), "sam");
      const res = await callApp(jar, callbackUrl, { options });
      expect(loggedErrors.at(-1)).toMatch(
        /issuer mismatch: configured http:\/\/localhost:\d+, discovery document http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(res.status).toBe(302);
      expect(location(res)).toBe(`${APP}/api/auth/error?error=OAuthCallback`);
      expect(await sessionOf(jar)).toBeNull();
    });

    it("refuses an authorization response whose iss names another issuer (mix-up, RFC 9207)", async () => {
      op.tamper.authorizationIss = "http://127.0.0.1:1/evil";
      try {
        const jar = new CookieJar();
        const callbackUrl = await authorizeAtProvider(await startSignIn(jar), "sam");
        expect(new URL(callbackUrl).searchParams.get("iss")).toBe("http://127.0.0.1:1/evil");
        await expectRefused(
          await callApp(jar, callbackUrl),
          jar,
          /iss mismatch, expected http:\/\/127\.0\.0\.1:\d+, got: http:\/\/127\.0\.0\.1:1\/evil/,
        );
      } finally {
        op.tamper.authorizationIss = undefined;
      }
    });
  });

  describe("bad signature", () => {
    it("refuses an id_token signed with a key that is not in the provider's JWKS", async () => {
      op.tamper.resignIdToken = true;
      try {
        const jar = new CookieJar();
        const callbackUrl = await authorizeAtProvider(await startSignIn(jar), "sam");
        await expectRefused(await callApp(jar, callbackUrl), jar, /failed to validate JWT signature/);
      } finally {
        op.tamper.resignIdToken = undefined;
      }
    });

    it("refuses when the JWKS holds a different key under the signing key's kid", async () => {
      op.tamper.foreignJwks = true;
      try {
        const jar = new CookieJar();
        const callbackUrl = await authorizeAtProvider(await startSignIn(jar), "sam");
        await expectRefused(await callApp(jar, callbackUrl), jar, /failed to validate JWT signature/);
      } finally {
        op.tamper.foreignJwks = undefined;
      }
    });
  });

  describe("replayed state", () => {
    it("refuses the same callback URL a second time in the same browser (its state cookie was spent)", async () => {
      const { jar, callbackUrl } = await signInAs("sam");
      expect(await sessionOf(jar)).not.toBeNull();
      const other = new CookieJar();
      for (const [k, v] of jar.cookies) if (k !== "next-auth.session-token") other.cookies.set(k, v);
      await expectRefused(await callApp(other, callbackUrl), other, /State cookie was missing/);
    });

    it("refuses a replay that carries the first attempt's cookies too (the provider redeems a code once)", async () => {
      const jar = new CookieJar();
      const callbackUrl = await authorizeAtProvider(await startSignIn(jar), "sam");
      const captured = new Map(jar.cookies);
      const first = await callApp(jar, callbackUrl);
      expect(location(first)).toBe(`${APP}/inbox`);
      const attacker = new CookieJar();
      for (const [k, v] of captured) attacker.cookies.set(k, v);
      await expectRefused(await callApp(attacker, callbackUrl), attacker, /invalid_grant/);
    });

    it("refuses a callback whose state was issued to another browser (login CSRF)", async () => {
      const victim = new CookieJar();
      await startSignIn(victim);
      const attacker = new CookieJar();
      const attackersCallback = await authorizeAtProvider(await startSignIn(attacker), "sam");
      await expectRefused(await callApp(victim, attackersCallback), victim, /state mismatch/);
    });

    it("refuses a callback with no state cookie at all", async () => {
      const jar = new CookieJar();
      const callbackUrl = await authorizeAtProvider(await startSignIn(jar), "sam");
      jar.cookies.delete("next-auth.state");
      await expectRefused(await callApp(jar, callbackUrl), jar, /State cookie was missing/);
    });
  });
});
