import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createRevalidationClient, type RevalidationClient, type RevalidationClientOptions } from "./client";
import { handleRevalidateRequest } from "./handle-request";
import type { RevalidationAreas } from "./areas";
import { revalidationToken } from "./token";

const SECRET = "client-test-secret-0123456789";

/** Stands in for the app: the real endpoint logic behind a real HTTP server, recording what it revalidated. */
async function startApp() {
  const app = {
    revalidated: [] as RevalidationAreas[],
    statuses: [] as number[],
    hold: null as Promise<void> | null,
    inFlight: 0,
    maxInFlight: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on(
      "end",
      () =>
        void (async () => {
          app.inFlight++;
          app.maxInFlight = Math.max(app.maxInFlight, app.inFlight);
          await app.hold;
          const request = new Request(`http://app.test${req.url}`, {
            method: req.method,
            headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
            body: Buffer.concat(chunks),
          });
          const response = await handleRevalidateRequest(request, { authSecret: () => SECRET, revalidate: (a) => app.revalidated.push(a) });
          app.statuses.push(response.status);
          app.inFlight--;
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(await response.text());
        })(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// The client's debounce and follow-up timers run on a fake clock moved by hand, so what is checked is the
// order of events, not the machine's speed; the HTTP calls are real.
describe("revalidation client (jobs asking the app to revalidate)", () => {
  let stand: Awaited<ReturnType<typeof startApp>>;
  let errors: string[];
  let clients: RevalidationClient[];
  beforeAll(async () => {
    stand = await startApp();
  });
  afterAll(() => stand.close());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    Object.assign(stand.app, { revalidated: [], statuses: [], hold: null, maxInFlight: 0 });
    errors = [];
    clients = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const c of clients) await c.flush();
  });

  function client(over: Partial<RevalidationClientOptions> = {}) {
    const c = createRevalidationClient({
      baseUrl: () => stand.baseUrl,
      token: () => revalidationToken(SECRET),
      debounceMs: 100,
      followUpsMs: [1000],
      logError: (message) => errors.push(message),
      ...over,
    });
    clients.push(c);
    return c;
  }

  /** Moves the fake clock, then waits for the calls that started to be answered. */
  async function advance(c: RevalidationClient, ms: number) {
    await vi.advanceTimersByTimeAsync(ms);
    await c.idle();
  }

  it("sends the changes of one tick as one call, then one follow-up after its delay", async () => {
    const c = client();
    for (let i = 0; i < 25; i++) c.request({ status: true });
    c.request({ help: true });
    await advance(c, 99);
    expect(stand.app.revalidated).toEqual([]);
    await advance(c, 1);
    expect(stand.app.revalidated).toEqual([{ status: true, help: true }]);
    await advance(c, 899);
    expect(stand.app.revalidated).toHaveLength(1);
    await advance(c, 1);
    expect(stand.app.revalidated).toEqual([
      { status: true, help: true },
      { status: true, help: true },
    ]);
    expect(stand.app.statuses).toEqual([200, 200]);
    await advance(c, 10_000);
    expect(stand.app.revalidated).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it("puts the follow-up its full delay after the last change", async () => {
    const c = client();
    c.request({ incidents: [1] });
    await advance(c, 600);
    c.request({ incidents: [2] });
    await advance(c, 600);
    // Two immediate calls; the follow-up that was due at 1000 ms waits for the second change (1600 ms).
    expect(stand.app.revalidated).toEqual([{ incidents: [1] }, { incidents: [2] }]);
    await advance(c, 400);
    expect(stand.app.revalidated).toEqual([{ incidents: [1] }, { incidents: [2] }, { incidents: [1, 2] }]);
  });

  it("makes each follow-up in turn", async () => {
    const c = client({ followUpsMs: [1000, 3000] });
    c.request({ status: true });
    await advance(c, 100);
    expect(stand.app.revalidated).toHaveLength(1);
    await advance(c, 900);
    expect(stand.app.revalidated).toHaveLength(2);
    await advance(c, 1999);
    expect(stand.app.revalidated).toHaveLength(2);
    await advance(c, 1);
    expect(stand.app.revalidated).toEqual([{ status: true }, { status: true }, { status: true }]);
  });

  it("makes only the follow-ups for a request that revalidated by itself", async () => {
    const c = client();
    c.followUp({ status: true });
    await advance(c, 999);
    expect(stand.app.revalidated).toEqual([]);
    await advance(c, 1);
    expect(stand.app.revalidated).toEqual([{ status: true }]);
  });

  it("never has two calls in flight at once", async () => {
    let release!: () => void;
    stand.app.hold = new Promise<void>((r) => (release = r));
    const c = client({ followUpsMs: [50] });
    c.request({ status: true });
    await vi.advanceTimersByTimeAsync(100); // the first call is held by the server; the follow-up falls due
    c.request({ help: true });
    await vi.advanceTimersByTimeAsync(200);
    release();
    await c.idle();
    expect(stand.app.maxInFlight).toBe(1);
    expect(stand.app.revalidated).toEqual([{ status: true }, { status: true }, { help: true }, { help: true }]);
  });

  it("logs a refused call (wrong token) and an unreachable server, and never throws", async () => {
    vi.useRealTimers();
    const wrong = client({ token: () => "not-the-token" });
    expect(() => wrong.request({ status: true })).not.toThrow();
    await wrong.flush();
    expect(stand.app.statuses).toEqual([404, 404]);
    expect(stand.app.revalidated).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^\[mayak\] revalidating public pages failed: .*\/api\/internal\/revalidate answered HTTP 404/);

    errors = [];
    const down = client({ baseUrl: () => "http://127.0.0.1:1" });
    down.request({ status: true });
    await down.flush();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^\[mayak\] revalidating public pages failed: cannot reach http:\/\/127\.0\.0\.1:1\/api\/internal\/revalidate/,
    );

    errors = [];
    const broken = client({
      baseUrl: () => {
        throw new Error("no port");
      },
    });
    broken.request({ status: true });
    await broken.flush();
    expect(errors).toHaveLength(2);
  });
});
