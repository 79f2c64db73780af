import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/tests/db";
import { manualClock } from "../clock";
import type { DB } from "../db";
import { createMemoryRateLimits } from "../shared-state/rate-limits";
import { handleTrpcRequest } from "./http";
import type { TRPCContext } from "./init";

/**
 * /api/trpc over real HTTP: a node:http server hands each request to the same function the route
 * handler calls, with a context of the test's own (no Next request scope here).
 */
describe("/api/trpc answers a refused call with 429 and Retry-After", () => {
  let db: DB;
  let destroy: () => Promise<void>;
  let server: http.Server;
  let base: string;
  const clock = manualClock();
  const limits = createMemoryRateLimits(clock.now);

  beforeAll(async () => {
    ({ db, destroy } = await createTestDb("sqlite"));
    const serve = async (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      });
      const ctx: TRPCContext = {
        db,
        actor: null,
        ip: String(req.headers["x-test-ip"]),
        userAgent: "vitest",
        now: clock.now,
        appUrl: "http://mayak.test",
        locale: req.headers["x-mayak-locale"] === "ru" ? "ru" : "en",
        rateLimits: limits,
      };
      const answer = await handleTrpcRequest(request, async () => ctx);
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    };
    server = http.createServer((req, res) => void serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await destroy();
  });

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("sign-up: ten tries an hour per address, then 429 with the wait in seconds and in words", async () => {
    const ip = { "x-test-ip": "203.0.113.5" };
    for (let i = 0; i < 10; i++) expect((await post("account.signUp", { email: "not an email" }, ip)).status, `try ${i + 1}`).toBe(400);
    clock.advance(60_000);
    const refused = await post("account.signUp", { email: "not an email" }, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3540");
    const body = (await refused.json()) as { error: { message: string; data: { code: string; httpStatus: number; retryAfter: number } } };
    expect(body.error.message).toBe("Too many attempts. Please wait 59 minutes and try again.");
    expect(body.error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfter: 3540 });

    const ru = await post("account.signUp", {}, { ...ip, "x-mayak-locale": "ru" });
    expect(((await ru.json()) as { error: { message: string } }).error.message).toBe(
      "Слишком много попыток. Подождите 59 минут и попробуйте снова.",
    );

    expect((await post("account.signUp", { email: "not an email" }, { "x-test-ip": "203.0.113.6" })).status, "another address").toBe(400);
    clock.advance(3540_000);
    expect((await post("account.signUp", { email: "not an email" }, ip)).status, "the hour has passed").toBe(400);
  });

  it("a batch (the app's own client) carries the longest wait among its refused calls", async () => {
    const ip = { "x-test-ip": "203.0.113.7" };
    for (let i = 0; i < 30; i++) await post("kb.feedback", {}, ip);
    for (let i = 0; i < 10; i++) await post("account.signUp", {}, ip);
    clock.advance(1_000);
    const res = await post("kb.feedback,account.signUp?batch=1", { 0: {}, 1: {} }, ip);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3599");
    const ok = await fetch(`${base}/api/trpc/account.me`, { headers: ip });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("retry-after")).toBeNull();
  });
});
