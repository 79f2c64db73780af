import { describe, expect, it } from "vitest";
import { signInFailureMessage, signInWithPassword, type SignInTransport } from "./sign-in";

function transport(answer: Response, seen: { url?: string; body?: string } = {}): SignInTransport {
  return {
    csrfToken: async () => "csrf-1",
    fetch: async (url, init) => {
      seen.url = url;
      seen.body = String(init.body);
      return answer;
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("signInWithPassword", () => {
  it("posts the credentials with the CSRF token, as next-auth's signIn does", async () => {
    const seen: { url?: string; body?: string } = {};
    expect(await signInWithPassword("ann@example.test", "pw", transport(json(200, { url: "http://localhost:3000/" }), seen))).toEqual({
      ok: true,
    });
    expect(seen.url).toBe("/api/auth/callback/credentials");
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      email: "ann@example.test",
      password: "pw",
      csrfToken: "csrf-1",
      json: "true",
    });
  });

  it("reports the wait of a throttled attempt, and a plain failure without one", async () => {
    const throttled = json(
      429,
      { url: "http://localhost:3000/api/auth/error?error=RATE_LIMITED", retryAfter: 120 },
      { "retry-after": "120" },
    );
    expect(await signInWithPassword("a@b.c", "x", transport(throttled))).toEqual({ ok: false, retryAfterSec: 120 });
    const wrong = json(401, { url: "http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials" });
    expect(await signInWithPassword("a@b.c", "x", transport(wrong))).toEqual({ ok: false });
  });

  it("says how long to wait, in English and Russian", () => {
    expect(signInFailureMessage("en", { ok: false, retryAfterSec: 120 })).toBe(
      "Too many sign-in attempts. Please wait 2 minutes and try again.",
    );
    expect(signInFailureMessage("ru", { ok: false, retryAfterSec: 30 })).toBe(
      "Слишком много попыток входа. Подождите 30 секунд и попробуйте снова.",
    );
    expect(signInFailureMessage("en", { ok: false })).toBe("Wrong email or password.");
  });
});
