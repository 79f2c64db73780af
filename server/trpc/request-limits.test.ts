import { beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describeEachDialect } from "@/tests/db";
import { makeAgent } from "@/tests/factories";
import type { Actor } from "../context";
import { appRouter } from "./root";
import type { TRPCContext } from "./init";
import { limitTrpcRequest, MAX_BATCH_CALLS, MAX_BODY_BYTES } from "./request-limits";

const BASE = "http://mayak.test/api/trpc";
const batchOf = (n: number, proc = "account.me") => `${BASE}/${Array(n).fill(proc).join(",")}?batch=1`;

describe("tRPC request limits", () => {
  it("refuses a batch of more than 20 calls with 400 and says why", async () => {
    const res = (await limitTrpcRequest(new Request(batchOf(700)))) as Response;
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: "A batch may hold at most 20 calls; this one has 700.",
        code: -32600,
        data: { code: "BAD_REQUEST", httpStatus: 400 },
      },
    });
    expect(((await limitTrpcRequest(new Request(batchOf(MAX_BATCH_CALLS + 1)))) as Response).status).toBe(400);
    expect(await limitTrpcRequest(new Request(batchOf(MAX_BATCH_CALLS)))).toBeInstanceOf(Request);
  });

  it("refuses a body over 1 MB with 413, whether Content-Length says so or not", async () => {
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    const declared = (await limitTrpcRequest(new Request(`${BASE}/tickets.create`, { method: "POST", body: big }))) as Response;
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.message).toBe("The request is too large: at most 1 MB.");
    // Chunked, no Content-Length: counted while it is read.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 3; i++) c.enqueue(new TextEncoder().encode("y".repeat(MAX_BODY_BYTES / 2)));
        c.close();
      },
    });
    const chunked = (await limitTrpcRequest(
      new Request(`${BASE}/tickets.create`, { method: "POST", body: stream, duplex: "half" } as RequestInit),
    )) as Response;
    expect(chunked.status).toBe(413);
  });

  it("hands on a request within the limits with its body intact", async () => {
    const body = JSON.stringify({ subject: "Привет", description: "a".repeat(1000) });
    const ok = (await limitTrpcRequest(
      new Request(`${BASE}/tickets.create`, { method: "POST", body, headers: { "content-type": "application/json" } }),
    )) as Request;
    expect(ok).toBeInstanceOf(Request);
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(await ok.text()).toBe(body);
  });
});

describeEachDialect("/api/trpc with its limits", (use) => {
  let agent: Actor;
  beforeAll(async () => {
    agent = await makeAgent(use());
  });
  // As app/api/trpc/[trpc]/route.ts wires it.
  async function serve(req: Request): Promise<Response> {
    const limited = await limitTrpcRequest(req);
    if (limited instanceof Response) return limited;
    const ctx: TRPCContext = {
      db: use(),
      actor: agent,
      ip: "127.0.0.1",
      userAgent: "vitest",
      now: Date.now,
      appUrl: "http://mayak.test",
      locale: "en",
    };
    return fetchRequestHandler({ endpoint: "/api/trpc", req: limited, router: appRouter, createContext: async () => ctx });
  }

  it("answers a batch of 20, refuses 700 without running any of them", async () => {
    const twenty = await serve(new Request(batchOf(20)));
    expect(twenty.status).toBe(200);
    expect(((await twenty.json()) as unknown[]).length).toBe(20);
    const flood = await serve(new Request(batchOf(700, "account.me")));
    expect(flood.status).toBe(400);
  });

  it("answers a 2 MB mutation with 413, never a 500", async () => {
    const res = await serve(
      new Request(`${BASE}/tickets.create`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ subject: "Big", description: "z".repeat(2 * 1024 * 1024) }),
      }),
    );
    expect(res.status).toBe(413);
  });
});
