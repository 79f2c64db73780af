import { describe, expect, it } from "vitest";
import { guardAuthRequest } from "./auth-request";

const ORIGIN = "http://localhost:3000";
const at = (path: string, init?: RequestInit) => new Request(`${ORIGIN}/api/auth/${path}`, init);
const json = (body: string): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body });

async function refused(p: Promise<Request | Response>): Promise<{ status: number; error: string }> {
  const res = await p;
  expect(res).toBeInstanceOf(Response);
  return { status: (res as Response).status, error: ((await (res as Response).json()) as { error: string }).error };
}

describe("requests next-auth would answer with a 500", () => {
  it("a body that is not JSON, or JSON that is not an object of strings, is a 400", async () => {
    expect(await refused(guardAuthRequest(at("callback/credentials", json("{")), ORIGIN))).toEqual({
      status: 400,
      error: "The body is not valid JSON",
    });
    for (const body of ["null", "[1]", '"text"', '{"callbackUrl":["/"]}', '{"email":{"a":1}}', '{"csrfToken":5}']) {
      expect((await refused(guardAuthRequest(at("signout", json(body)), ORIGIN))).status, body).toBe(400);
    }
  });

  it("a GET to the credentials callback is a 405", async () => {
    expect(await refused(guardAuthRequest(at("callback/credentials"), ORIGIN))).toEqual({
      status: 405,
      error: "Sign in with a POST of the sign-in form",
    });
  });

  it("a malformed callback cookie is a 400 that clears it", async () => {
    const res = (await guardAuthRequest(at("session", { headers: { cookie: "a=1; next-auth.callback-url=%FF" } }), ORIGIN)) as Response;
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toContain("next-auth.callback-url=; Path=/; Max-Age=0");
    const ok = await guardAuthRequest(
      at("session", { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(`${ORIGIN}/inbox`)}` } }),
      ORIGIN,
    );
    expect(ok).toBeInstanceOf(Request);
  });

  it("narrows callbackUrl in the query to a path on the site and keeps the rest", async () => {
    for (const [raw, kept] of [
      ["%FF", "/"],
      ["//evil.example", "/"],
      ["/%5Cevil.example", "/"],
      ["%2Finbox%3Fview%3Dmine", "/inbox?view=mine"],
    ]) {
      const req = (await guardAuthRequest(at(`signin?callbackUrl=${raw}&error=x`), ORIGIN)) as Request;
      expect(new URL(req.url).searchParams.get("callbackUrl"), raw).toBe(kept);
      expect(new URL(req.url).searchParams.get("error")).toBe("x");
    }
  });

  it("hands on a form post with its body and headers", async () => {
    const body = "csrfToken=abc&email=a%40b.c&password=x&json=true";
    const req = (await guardAuthRequest(
      at("callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: "x=1" }, body }),
      ORIGIN,
    )) as Request;
    expect(req).toBeInstanceOf(Request);
    expect(req.headers.get("cookie")).toBe("x=1");
    expect(await req.text()).toBe(body);
    expect((await guardAuthRequest(at("signout", json('{"csrfToken":"abc","callbackUrl":"/"}')), ORIGIN)) instanceof Request).toBe(true);
  });
});
