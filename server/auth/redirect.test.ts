import { beforeAll, describe, expect, it } from "vitest";
import NextAuth, { type AuthOptions } from "next-auth";

const BASE = "http://localhost:3000";
let options: AuthOptions;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = BASE;
  process.env.NEXTAUTH_SECRET = "redirect-test-secret-redirect-test";
  options = (await import("./options")).getAuthOptions();
});

/** next-auth's own request handler (its API-route form), with a request and a response as plain objects. */
async function call(method: string, action: string, body?: Record<string, unknown>, cookies: Record<string, string> = {}) {
  const out = { status: 200, headers: {} as Record<string, unknown>, body: undefined as unknown };
  const res = {
    status: (code: number) => ((out.status = code), res),
    setHeader: (key: string, value: unknown) => ((out.headers[key.toLowerCase()] = value), res),
    getHeader: (key: string) => out.headers[key.toLowerCase()],
    json: (value: unknown) => ((out.body = value), res),
    send: (value: unknown) => ((out.body = value), res),
    end: () => res,
  };
  const req = { method, query: { nextauth: [action] }, body, cookies, headers: { host: "localhost:3000" } };
  await NextAuth(req as never, res as never, options);
  return out;
}

/** Signs out through next-auth's handler (CSRF token and all) with this callbackUrl; returns where it sends the browser. */
async function signOutTo(callbackUrl: unknown): Promise<unknown> {
  const csrf = await call("GET", "csrf");
  const { csrfToken } = csrf.body as { csrfToken: string };
  const setCookie = ([] as string[]).concat(csrf.headers["set-cookie"] as string[]);
  const [name, value] = setCookie
    .find((c) => c.includes("next-auth.csrf-token="))!
    .split(";")[0]
    .split("=");
  const res = await call("POST", "signout", { csrfToken, callbackUrl, json: "true" }, { [name]: decodeURIComponent(value) });
  return (res.body as { url?: string }).url;
}

describe("next-auth redirects (sign-out through its own handler)", () => {
  it.each([
    "//evil.example",
    "/\\evil.example/x",
    "/\t/evil.example",
    "/%2F%2Fevil.example",
    "/.//evil.example",
    "https://evil.example/x",
    "HTTPS:evil.example",
    "http://localhost:3000@evil.example",
    "javascript:alert(1)",
  ])("keeps %j on the site", async (callbackUrl) => {
    const to = await signOutTo(callbackUrl);
    expect(to).toBe(`${BASE}/`);
  });

  it("keeps a path on the site, and survives a callbackUrl that is not a string", async () => {
    expect(await signOutTo("/tickets/7?tab=1")).toBe(`${BASE}/tickets/7?tab=1`);
    expect(await signOutTo(`${BASE}/inbox`)).toBe(`${BASE}/inbox`);
    expect(await signOutTo(["/inbox"])).toBe(`${BASE}/`);
  });
});
