// A real OpenID Provider for the tests (oidc-provider from npm, the certified implementation), started in
// the test's own process on 127.0.0.1 with one confidential client (code flow, PKCE, client_secret_basic)
// and accounts whose claims the test chooses. Sign-in uses oidc-provider's development interactions: any
// login name is accepted (it is the account id), then a consent page.
//
// `tamper` makes it misbehave the ways an attacker or a misconfiguration would: a discovery document naming
// another issuer, a JWKS that holds a different key under the same kid, an id_token re-signed with a key the
// JWKS does not have, an authorization response whose `iss` names another issuer.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  groups?: string[];
  mayak_role?: string;
  locale?: string;
}

export interface Tamper {
  /** The discovery document says this issuer. */
  discoveryIssuer?: string;
  /** The JWKS endpoint publishes a different key under the same kid. */
  foreignJwks?: boolean;
  /** The token endpoint answers with the id_token re-signed by a key that is not in the JWKS (same kid). */
  resignIdToken?: boolean;
  /** The authorization response (the redirect to the client) carries this `iss`. */
  authorizationIss?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Record<string, TestAccount>;
  tamper: Tamper;
  close(): Promise<void>;
}

function rsaKey(kid: string) {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk: Record<string, string> = {
    ...(privateKey.export({ format: "jwk" }) as Record<string, string>),
    kid,
    alg: "RS256",
    use: "sig",
  };
  const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([k]) => !["d", "p", "q", "dp", "dq", "qi"].includes(k)));
  return { privateKey, jwk, publicJwk };
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");

/** Starts a provider; `redirectUris` are the client's registered callbacks. */
export async function startTestOidcProvider(opts: {
  redirectUris: string[];
  accounts?: Record<string, TestAccount>;
  clientId?: string;
  clientSecret?: string;
  port?: number;
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kid = "test-key-1";
  const signing = rsaKey(kid);
  const foreign = rsaKey(kid);
  const accounts: Record<string, TestAccount> = { ...(opts.accounts ?? {}) };
  const tamper: Tamper = {};
  const clientId = opts.clientId ?? "mayak";
  const clientSecret = opts.clientSecret ?? crypto.randomBytes(24).toString("base64url");

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signing.jwk] },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "locale"], groups: ["groups", "mayak_role"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  });
  // Quiet: a refused token request is what several tests expect.
  provider.on("server_error", () => {});

  provider.use(
    async (
      ctx: {
        path: string;
        method: string;
        body: unknown;
        status: number;
        response: { get(h: string): string; set(h: string, v: string): void };
      },
      next: () => Promise<void>,
    ) => {
      await next();
      if (ctx.path === "/.well-known/openid-configuration" && tamper.discoveryIssuer) {
        ctx.body = { ...(ctx.body as object), issuer: tamper.discoveryIssuer };
      }
      if (ctx.path === "/jwks" && tamper.foreignJwks) {
        ctx.body = { keys: [foreign.publicJwk] };
      }
      if (ctx.path === "/token" && tamper.resignIdToken && ctx.status === 200) {
        const body = ctx.body as { id_token?: string };
        if (body.id_token) {
          const [header, payload] = body.id_token.split(".");
          const signature = crypto.sign("sha256", Buffer.from(`${header}.${payload}`), foreign.privateKey);
          ctx.body = { ...body, id_token: `${header}.${payload}.${b64url(signature)}` };
        }
      }
      const location = ctx.status >= 300 && ctx.status < 400 ? ctx.response.get("Location") : "";
      if (location && tamper.authorizationIss && /[?&]code=/.test(location)) {
        const url = new URL(location);
        url.searchParams.set("iss", tamper.authorizationIss);
        ctx.response.set("Location", url.toString());
      }
    },
  );

  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamper,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar for one origin, enough for the provider's pages (names are unique across its paths). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    this.takeLines(res.headers.getSetCookie());
  }
  takeLines(lines: readonly string[]): void {
    for (const line of lines) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Plays the browser at the provider: follows its redirects, signs in as `login` and consents, and returns
 * the URL it finally sends the browser to (the client's callback with code, state and iss).
 */
export async function authorizeAtProvider(authorizationUrl: string, login: string, jar = new CookieJar()): Promise<string> {
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as object), cookie: jar.header() } });
    jar.take(res);
    init = {};
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url).toString();
      if (new URL(next).origin !== new URL(authorizationUrl).origin) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) throw new Error(`no interaction form at ${url}: ${html.slice(0, 300)}`);
    const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt };
    url = new URL(action.replace(/&amp;/g, "&"), url).toString();
    init = {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
  }
  throw new Error("too many redirects at the provider");
}
