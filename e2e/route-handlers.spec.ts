import { test, expect, ok, tag, trpcMutation } from "./helpers";

// The route handlers that write go through the same procedures as the API (monitors.heartbeat,
// subscriptions.unsubscribe): these check their answers over HTTP, as a cron job or a mail client sees them.

test("a heartbeat URL records a ping by GET or POST; an unknown or malformed token is 404", async ({ pageAs, request }) => {
  const lead = await pageAs("lead");
  const created = ok(
    await trpcMutation<{ heartbeatUrl: string | null }>(lead.request, "monitors.create", {
      kind: "heartbeat",
      name: `Nightly job ${tag()}`,
      intervalS: 3600,
      timeoutMs: 30_000,
    }),
  );
  const path = new URL(created.heartbeatUrl!).pathname;
  expect(path).toMatch(/^\/api\/heartbeat\/[\w-]{20,64}$/);

  for (const res of [await request.post(path), await request.get(path)]) {
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers()["cache-control"]).toBe("no-store");
  }
  for (const wrong of [`${path.slice(0, -2)}${path.endsWith("AA") ? "BB" : "AA"}`, "/api/heartbeat/short"]) {
    const res = await request.post(wrong);
    expect(res.status(), wrong).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: "Not found" });
  }
});

test("one-click unsubscribe answers 200 for any well-formed token and 400 for a malformed one; GET does nothing", async ({ request }) => {
  const unknown = await request.post(`/api/subscriptions/unsubscribe?token=${"u".repeat(32)}`, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(unknown.status()).toBe(200);
  expect(await unknown.json()).toEqual({ unsubscribed: true });
  const malformed = await request.post("/api/subscriptions/unsubscribe?token=x");
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: "Malformed token" });
  expect((await request.get(`/api/subscriptions/unsubscribe?token=${"u".repeat(32)}`)).status()).toBe(405);
});
