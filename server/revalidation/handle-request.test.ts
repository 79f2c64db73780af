import { describe, expect, it } from "vitest";
import { handleRevalidateRequest, MAX_BODY_BYTES } from "./handle-request";
import { mergeAreas, pathsFor, type RevalidationAreas } from "./areas";
import { isRevalidationAuthorized, revalidationToken } from "./token";

const SECRET = "test-auth-secret-0123456789";

function call(body: unknown, authorization?: string | null) {
  const calls: RevalidationAreas[] = [];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization ?? `Bearer ${revalidationToken(SECRET)}`;
  const req = new Request("http://app.test/api/internal/revalidate", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = handleRevalidateRequest(req, { authSecret: () => SECRET, revalidate: (a) => calls.push(a) });
  return res.then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown>, calls }));
}

describe("POST /api/internal/revalidate", () => {
  it("revalidates the named areas with the right token", async () => {
    const r = await call({ status: true, help: true });
    expect(r.status).toBe(200);
    expect(r.calls).toEqual([{ status: true, help: true }]);
    expect((await call({ incidents: [4, 7] })).calls).toEqual([{ incidents: [4, 7] }]);
  });

  it("answers a plain 404 without the token, with a wrong one or one made from another secret, whatever the body", async () => {
    const notFound = { error: "Not found" };
    for (const auth of [
      null,
      "",
      "Bearer",
      "Bearer nope",
      `Basic ${revalidationToken(SECRET)}`,
      `Bearer ${revalidationToken("another-secret-0123456789")}`,
      `Bearer ${SECRET}`,
      `Bearer ${revalidationToken(SECRET)}x`,
    ]) {
      for (const body of [{ status: true }, { nonsense: 1 }, "not json"]) {
        const r = await call(body, auth);
        expect(r.status, `${auth} / ${JSON.stringify(body)}`).toBe(404);
        expect(r.json).toEqual(notFound);
        expect(r.calls).toEqual([]);
      }
    }
  });

  it("refuses a bad body with 400 and the reason, revalidating nothing", async () => {
    const cases: [unknown, string][] = [
      ["not json", "Body must be JSON"],
      [{}, "name at least one area"],
      [{ status: false, incidents: [] }, "name at least one area"],
      [{ status: true, paths: ["/admin"] }, "paths"],
      [{ incidents: [0] }, "incidents.0"],
      [{ incidents: ["1"] }, "incidents.0"],
      [{ incidents: Array.from({ length: 101 }, (_, i) => i + 1) }, "incidents"],
      [{ help: "yes" }, "help"],
      [[{ status: true }], "body"],
    ];
    for (const [body, reason] of cases) {
      const r = await call(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.json), JSON.stringify(body)).toContain(reason);
      expect(r.calls).toEqual([]);
    }
  });

  it("refuses an oversized body with 413", async () => {
    const r = await call(`{"status":true,"pad":"${"x".repeat(MAX_BODY_BYTES)}"}`);
    expect(r.status).toBe(413);
    expect(r.calls).toEqual([]);
  });

  it("checks the header shape and the token in constant time, never accepting the secret itself", () => {
    const token = revalidationToken(SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain(SECRET);
    expect(isRevalidationAuthorized(`Bearer ${token}`, SECRET)).toBe(true);
    expect(isRevalidationAuthorized(`Bearer ${token}`, `${SECRET}!`)).toBe(false);
    expect(isRevalidationAuthorized(`bearer ${token}`, SECRET)).toBe(false);
    expect(isRevalidationAuthorized(null, SECRET)).toBe(false);
  });
});

describe("revalidation areas", () => {
  it("map to the route-file paths Next keys its cached pages by", () => {
    expect(pathsFor({ status: true })).toEqual([["/[locale]/(public)/status", "layout"]]);
    expect(pathsFor({ incidents: [5, 5] })).toEqual([
      ["/[locale]/(public)/status", "page"],
      ["/en/status/incidents/5"],
      ["/ru/status/incidents/5"],
    ]);
    // The whole status tree covers every incident page.
    expect(pathsFor({ status: true, incidents: [5] })).toEqual([["/[locale]/(public)/status", "layout"]]);
    expect(pathsFor({ help: true })).toEqual([
      ["/[locale]/(public)/help", "layout"],
      ["/[locale]/(public)/faq", "layout"],
      ["/sitemap.xml"],
    ]);
  });

  it("merge into one set, the whole status tree absorbing single incidents", () => {
    expect(mergeAreas(null, { incidents: [1] })).toEqual({ incidents: [1] });
    expect(mergeAreas({ incidents: [1] }, { incidents: [2, 1], help: true })).toEqual({ incidents: [1, 2], help: true });
    expect(mergeAreas({ incidents: [1] }, { status: true })).toEqual({ status: true });
    const many = mergeAreas(
      { incidents: Array.from({ length: 60 }, (_, i) => i + 1) },
      { incidents: Array.from({ length: 60 }, (_, i) => i + 100) },
    );
    expect(many).toEqual({ status: true });
  });
});
