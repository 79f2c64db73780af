import { afterAll, beforeAll, describe, expect, it } from "vitest";
import NextAuth, { type AuthOptions } from "next-auth";
import { createTestDb } from "@/tests/db";
import { makeCustomer } from "@/tests/factories";
import { CLIENT_IP_HEADER, markClientIpStamped } from "@/lib/client-ip.mjs";
import { manualClock } from "../clock";
import type { DB } from "../db";
import { createMemoryRateLimits, type RateLimits } from "../shared-state/rate-limits";
import { hashPassword } from "./password";
import { finishSignIn, withSignInReport } from "./sign-in-response";

const BASE = "http://localhost:3000";
const PASSWORD = "correct horse battery";

describe("finishSignIn", () => {
  it("answers a throttled attempt with 429, Retry-After and next-auth's url, keeping its cookies", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "next-auth.csrf-token=a; Path=/");
    headers.append("set-cookie", "next-auth.callback-url=b; Path=/");
    const from = new Response(JSON.stringify({ url: `${BASE}/api/auth/error?error=RATE_LIMITED` }), { status: 401, headers });
    const res = await finishSignIn(from, { retryAfterSec: 120 }, false);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("120");
    expect(res.headers.getSetCookie()).toEqual(["next-auth.csrf-token=a; Path=/", "next-auth.callback-url=b; Path=/"]);
    expect(await res.json()).toEqual({ url: `${BASE}/api/auth/error?error=RATE_LIMITED`, error: "RATE_LIMITED", retryAfter: 120 });
  });

  it("turns a redirect (a form posted without script) into the same 429", async () => {
    const from = new Response(null, { status: 302, headers: { location: `${BASE}/api/auth/error?error=RATE_LIMITED` } });
    const res = await finishSignIn(from, { retryAfterSec: 30 }, false);
    expect(res.status).toBe(429);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.json()).toMatchObject({ url: `${BASE}/api/auth/error?error=RATE_LIMITED`, retryAfter: 30 });
  });

  it("adds the known-device cookie to a successful sign-in, and leaves other answers alone", async () => {
    const headers = new Headers();
    headers.append("set-cookie", "next-auth.session-token=s; Path=/; HttpOnly");
    const res = await finishSignIn(new Response("{}", { status: 200, headers }), { knownDevice: "dev.1.sig" }, true);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([
      "next-auth.session-token=s; Path=/; HttpOnly",
      expect.stringMatching(/^mayak-device=dev\.1\.sig; Path=\/api\/auth; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/),
    ]);
    const plain = new Response("x", { status: 401 });
    expect(await finishSignIn(plain, {}, false)).toBe(plain);
  });
});

/**
 * The whole path through next-auth's own handler (its API-route form, which needs no Next request scope):
 * CSRF token, the credentials callback, `authorize`, and the report the route turns into the answer.
 */
describe("sign-in through next-auth's handler", () => {
  let db: DB;
  let destroy: () => Promise<void>;
  let options: AuthOptions;
  const clock = manualClock();
  const app = globalThis as unknown as { __mayakDb?: DB; __mayakRateLimits?: RateLimits };

  beforeAll(async () => {
    process.env.NEXTAUTH_URL = BASE;
    process.env.NEXTAUTH_SECRET = "sign-in-response-test-secret-0123456789";
    markClientIpStamped();
    ({ db, destroy } = await createTestDb("sqlite"));
    // The app's database and rate limits are opened on first use into these slots: fill them first.
    app.__mayakDb = db;
    app.__mayakRateLimits = createMemoryRateLimits(clock.now);
    options = (await import("./options")).getAuthOptions();
  });
  afterAll(async () => {
    delete app.__mayakDb;
    delete app.__mayakRateLimits;
    await destroy();
  });

  /** One request to next-auth's handler, as a fetch Response. */
  async function call(
    method: string,
    action: string[],
    body: Record<string, string> | undefined,
    cookies: Record<string, string>,
    headers: Record<string, string>,
  ) {
    const out = { status: 200, headers: new Headers(), body: "" };
    const res = {
      status: (code: number) => ((out.status = code), res),
      setHeader: (key: string, value: string | string[]) => {
        for (const v of ([] as string[]).concat(value)) out.headers.append(key, v);
        return res;
      },
      getHeader: (key: string) => out.headers.get(key) ?? undefined,
      json: (value: unknown) => (out.headers.set("content-type", "application/json"), (out.body = JSON.stringify(value)), res),
      send: (value: unknown) => ((out.body = typeof value === "string" ? value : JSON.stringify(value)), res),
      end: () => res,
    };
    const cookieHeader = Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    const req = {
      method,
      query: { nextauth: action },
      body,
      cookies,
      headers: { host: "localhost:3000", ...headers, cookie: cookieHeader },
    };
    await NextAuth(req as never, res as never, options);
    return new Response(out.body || null, { status: out.status, headers: out.headers });
  }

  /** Signs in as the browser does (fetch with json=true), through the route's wrapper; the device cookie if it has one. */
  async function signIn(email: string, password: string, ip: string, device?: string) {
    const csrf = await call("GET", ["csrf"], undefined, {}, {});
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const [name, value] = csrf.headers
      .getSetCookie()
      .find((c) => c.startsWith("next-auth.csrf-token="))!
      .split(";")[0]
      .split("=");
    const cookies = { [name]: decodeURIComponent(value), ...(device ? { "mayak-device": device } : {}) };
    const handler = withSignInReport(
      () =>
        call("POST", ["callback", "credentials"], { email, password, csrfToken, callbackUrl: BASE, json: "true" }, cookies, {
          [CLIENT_IP_HEADER]: ip,
        }),
      () => false,
    );
    return handler(new Request(`${BASE}/api/auth/callback/credentials`, { method: "POST" }), undefined);
  }

  const deviceOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("mayak-device="))
      ?.split(";")[0]
      .slice("mayak-device=".length);

  it("answers 429 with Retry-After and error=RATE_LIMITED once the account is throttled; the known device still gets in", async () => {
    const user = await makeCustomer(db);
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where("id", "=", user.id)
      .execute();

    const ok = await signIn(user.email, PASSWORD, "198.51.100.1");
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().some((c) => c.includes("session-token="))).toBe(true);
    const device = deviceOf(ok);
    expect(ok.headers.getSetCookie().find((c) => c.startsWith("mayak-device="))).toMatch(
      /; Path=\/api\/auth; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );

    for (let i = 0; i < 5; i++) {
      const wrong = await signIn(user.email, "wrong password!", `198.51.100.${10 + i}`);
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { url: string }).url).toContain("error=CredentialsSignin");
    }
    const throttled = await signIn(user.email, PASSWORD, "198.51.100.20");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("30");
    const body = (await throttled.json()) as { url: string; retryAfter: number };
    expect(new URL(body.url).searchParams.get("error"), "what next-auth's signIn() reports to the form").toBe("RATE_LIMITED");
    expect(body.retryAfter).toBe(30);
    expect(deviceOf(throttled)).toBeUndefined();

    const owner = await signIn(user.email, PASSWORD, "198.51.100.1", device);
    expect(owner.status).toBe(200);
    expect(deviceOf(owner), "renewed, same device").toMatch(new RegExp(`^${device!.split(".")[0]}\\.`));
  });
});
