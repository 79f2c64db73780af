import { beforeAll, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { describeEachDialect } from "@/tests/db";
import { apiAs, makeAgent, makeCustomer } from "@/tests/factories";
import type { DB } from "../db";
import type { Actor } from "../context";
import { sessionCookieName } from "../auth/session-token";
import { startSession } from "../sessions/start-session";
import type { SessionPolicy } from "../sessions/policy";
import { isFastTrpcUrl, trpcFastHttp } from "./fast-http";
import type { HeaderContextDeps } from "./context";

const SECRET = "fast-http-test-secret-fast-http-test-secret";
const POLICY: SessionPolicy = { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 };

/** A browser's Cookie header after signing `user` in, as next-auth does it. */
async function cookieOf(db: DB, user: Actor): Promise<string> {
  const sid = await startSession(db, { userId: user.id, ip: "198.51.100.1", userAgent: "vitest", now: Date.now() }, POLICY);
  const token = await encode({ token: { uid: user.id, role: user.role, sid }, secret: SECRET, maxAge: POLICY.maxAgeMs / 1000 });
  return `mayak-vid=visitor-123; ${sessionCookieName(false)}=${token}`;
}

const input = (v: unknown) => encodeURIComponent(JSON.stringify(v));

it("takes only GETs of the inbox's list and counts, at most 20 in a batch", () => {
  expect(isFastTrpcUrl(`/api/trpc/inbox.list?input=${input({ view: "open" })}`)).toBe(true);
  expect(isFastTrpcUrl("/api/trpc/inbox.counts")).toBe(true);
  expect(isFastTrpcUrl("/api/trpc/inbox.list,inbox.counts?batch=1&input=%7B%7D")).toBe(true);
  expect(isFastTrpcUrl("/api/trpc/inbox.list,tickets.get?batch=1")).toBe(false);
  expect(isFastTrpcUrl("/api/trpc/inbox.search?input=%7B%7D")).toBe(false);
  expect(isFastTrpcUrl(`/api/trpc/${Array(21).fill("inbox.counts").join(",")}?batch=1`)).toBe(false);
  expect(isFastTrpcUrl("/api/search?q=x")).toBe(false);
});

describeEachDialect("the inbox's list and counts answered outside Next", (use) => {
  let agent: Actor, customer: Actor, deps: { ready: () => Promise<void>; context: HeaderContextDeps };
  let ticket: number;

  beforeAll(async () => {
    const db = use();
    agent = await makeAgent(db);
    customer = await makeCustomer(db);
    ticket = (await apiAs(db, customer).tickets.create({ subject: "Export is empty", description: "The CSV has no rows." })).id;
    deps = { ready: async () => undefined, context: { db, session: { secret: SECRET, secure: false, policy: POLICY } } };
  });

  const get = async (url: string, cookie?: string) => {
    const answer = await trpcFastHttp(url, new Headers(cookie ? { cookie } : {}), deps);
    return answer && { status: answer.status, type: answer.headers["content-type"], body: JSON.parse(answer.body) };
  };

  it("answers a signed-in agent as tRPC does, single and batched, with the same data as the API", async () => {
    const cookie = await cookieOf(use(), agent);
    const list = await get(`/api/trpc/inbox.list?input=${input({ view: "all" })}`, cookie);
    expect(list?.status).toBe(200);
    expect(list?.type).toContain("application/json");
    expect(list?.body.result.data).toEqual(JSON.parse(JSON.stringify(await apiAs(use(), agent).inbox.list({ view: "all" }))));
    expect(list?.body.result.data.items.map((i: { id: number }) => i.id)).toContain(ticket);
    const batch = await get(`/api/trpc/inbox.list,inbox.counts?batch=1&input=${input({ 0: { view: "open" } })}`, cookie);
    expect(batch?.status).toBe(200);
    expect(batch?.body).toHaveLength(2);
    expect(batch?.body[1].result.data).toEqual(await apiAs(use(), agent).inbox.counts());
  });

  it("refuses as tRPC does: not signed in, a customer, bad input, a second factor due", async () => {
    const unsigned = await get("/api/trpc/inbox.counts");
    expect([unsigned?.status, unsigned?.body.error.data.code]).toEqual([401, "UNAUTHORIZED"]);
    const asCustomer = await get("/api/trpc/inbox.counts", await cookieOf(use(), customer));
    expect([asCustomer?.status, asCustomer?.body.error.data.code]).toEqual([404, "NOT_FOUND"]);
    const cookie = await cookieOf(use(), agent);
    const bad = await get(`/api/trpc/inbox.list?input=${input({ view: "nowhere" })}`, cookie);
    expect([bad?.status, bad?.body.error.data.code]).toEqual([400, "BAD_REQUEST"]);
    const was = await use().selectFrom("two_factor_settings").select("required_roles").where("id", "=", 1).executeTakeFirstOrThrow();
    await use().updateTable("two_factor_settings").set({ required_roles: "agent,lead,admin" }).where("id", "=", 1).execute();
    try {
      const due = await get("/api/trpc/inbox.counts", cookie);
      expect([due?.status, due?.body.error.data.appCode]).toEqual([403, "TWO_FACTOR_ENROLMENT_REQUIRED"]);
    } finally {
      await use().updateTable("two_factor_settings").set({ required_roles: was.required_roles }).where("id", "=", 1).execute();
    }
    expect((await get("/api/trpc/inbox.counts", cookie))?.status).toBe(200);
  });

  it("leaves every other request to Next", async () => {
    expect(await get(`/api/trpc/tickets.get?input=${input({ id: ticket })}`, await cookieOf(use(), agent))).toBeNull();
  });
});
