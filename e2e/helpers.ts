import fs from "node:fs/promises";
import path from "node:path";
import { test as base, expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

export { expect };

export type DemoRole = "admin" | "lead" | "agent" | "customer";
export interface Credentials {
  email: string;
  password: string;
}
export interface Me extends Credentials {
  id: number;
  role: string;
  name: string;
  locale: string;
}

/** The demo accounts the README documents (server/seed/people.ts DEMO_ACCOUNTS), seeded on a fresh database. */
export const DEMO: Record<DemoRole, Credentials> = {
  admin: { email: "admin@mayak.local", password: "mayak-admin-demo" },
  lead: { email: "lead@mayak.local", password: "mayak-lead-demo" },
  agent: { email: "agent@mayak.local", password: "mayak-agent-demo" },
  customer: { email: "customer@mayak.local", password: "mayak-customer-demo" },
};

/** An address no other test (or earlier run against a kept database) has used. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** A short tag to make subjects and messages unique, so assertions never match another test's data. */
export function tag(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

// ---------------------------------------------------------------------------------------------------
// tRPC over plain HTTP (no transformer: the input is the JSON body, the output is result.data).

export interface TrpcResult<T> {
  status: number;
  data?: T;
  error?: { message: string; data?: { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[]> | null } };
}

async function toResult<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<TrpcResult<T>> {
  const body = (await res.json()) as { result?: { data: T }; error?: TrpcResult<T>["error"] };
  return { status: res.status(), data: body.result?.data, error: body.error };
}

export async function trpcQuery<T = unknown>(request: APIRequestContext, procedure: string, input?: unknown): Promise<TrpcResult<T>> {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return toResult<T>(await request.get(`/api/trpc/${procedure}${qs}`));
}

export async function trpcMutation<T = unknown>(request: APIRequestContext, procedure: string, input: unknown): Promise<TrpcResult<T>> {
  return toResult<T>(await request.post(`/api/trpc/${procedure}`, { data: input }));
}

/** Unwraps a successful call, or fails with the API's own message. */
export function ok<T>(r: TrpcResult<T>): T {
  expect(r.error, `tRPC error ${r.status}: ${r.error?.message}`).toBeUndefined();
  return r.data as T;
}

// ---------------------------------------------------------------------------------------------------
// Signing in through the API: sign-in is rate limited (10 a minute per address), so the UI is used only
// where sign-in itself is under test, and each demo role signs in once per run.

export async function getMe(request: APIRequestContext): Promise<Me | null> {
  const r = await trpcQuery<Me | null>(request, "account.me");
  return r.data ?? null;
}

export async function signInViaApi(request: APIRequestContext, who: Credentials): Promise<Me> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, json: "true" },
  });
  expect(res.ok(), `sign-in as ${who.email}: HTTP ${res.status()}`).toBeTruthy();
  const me = await getMe(request);
  if (me?.email !== who.email) {
    const url = ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
    throw new Error(`Sign-in as ${who.email} failed (${url || "no session"})`);
  }
  return me;
}

/**
 * Signs up through the API and confirms the address as its owner would, through the link in the email
 * (read from the outbox by the demo admin): sign-up alone creates no account.
 */
export async function signUpViaApi(request: APIRequestContext, input: Credentials & { name: string }): Promise<void> {
  ok(await trpcMutation(request, "account.signUp", { ...input, locale: "en" }));
  const token = await emailedLinkToken(input.email, "/signup/confirm");
  ok(await trpcMutation(request, "account.confirmSignUp", { token }));
}

// One request context signed in as the demo admin per worker, for reading the outbox.
let outboxReader: Promise<APIRequestContext> | undefined;

async function outboxAsAdmin(): Promise<APIRequestContext> {
  outboxReader ??= (async () => {
    const req = await playwrightRequest.newContext({ baseURL: base.info().project.use.baseURL });
    await signInViaApi(req, DEMO.admin);
    return req;
  })();
  return outboxReader;
}

/**
 * The token of the newest `path?token=…` link emailed to `to`, read from the outbox (admin.outbox) as an admin
 * reads it at /admin/outbox; waits for it, since some emails are written by background jobs.
 */
export async function emailedLinkToken(to: string, path: "/signup/confirm" | "/reset-password"): Promise<string> {
  const admin = await outboxAsAdmin();
  const pattern = new RegExp(`${path.replace(/\//g, "\\/")}\\?token=([\\w%-]+)`);
  let token: string | undefined;
  await expect
    .poll(
      async () => {
        const page = ok(await trpcQuery<{ items: { to: string; text: string }[] }>(admin, "admin.outbox", { limit: 50 }));
        const mail = page.items.find((m) => m.to === to.trim().toLowerCase() && pattern.test(m.text));
        token = mail ? decodeURIComponent(pattern.exec(mail.text)![1]) : undefined;
        return token;
      },
      { message: `an email to ${to} with a ${path} link`, timeout: 15_000 },
    )
    .toBeTruthy();
  return token!;
}

export interface NewTicket {
  subject: string;
  description: string;
  steps?: string;
  expected?: string;
  actual?: string;
  pageUrl?: string;
  priority?: "low" | "normal" | "high" | "urgent";
}

export async function createTicketViaApi(request: APIRequestContext, input: NewTicket): Promise<number> {
  return ok(await trpcMutation<{ id: number }>(request, "tickets.create", input)).id;
}

export interface TicketView {
  id: number;
  subject: string;
  status: string;
  priority: string;
  messages: { id: number; kind: "reply" | "note"; body: string }[];
}

export async function getTicketViaApi(request: APIRequestContext, id: number): Promise<TrpcResult<TicketView>> {
  return trpcQuery<TicketView>(request, "tickets.get", { id });
}

// ---------------------------------------------------------------------------------------------------
// Fixtures.

interface WorkerFixtures {
  /** Path of a storage state signed in as the demo role; reused across runs while the session is valid. */
  authFile: (role: DemoRole) => Promise<string>;
}

interface TestFixtures {
  /** A page in its own browser context, signed in as a demo role or as the given account. Closed after the test. */
  pageAs: (who: DemoRole | Credentials) => Promise<Page>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  authFile: [
    async ({}, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      // One folder per server (port): a session belongs to the database of the server that opened it, so a
      // file another run wrote for another port must not be taken for this one's.
      const dir = path.join(workerInfo.project.testDir, ".auth", new URL(String(baseURL)).port || "default");
      await fs.mkdir(dir, { recursive: true });
      const ready = new Map<DemoRole, Promise<string>>();

      async function prepare(role: DemoRole): Promise<string> {
        const file = path.join(dir, `${role}.json`);
        const cached = await fs.stat(file).then(
          () => true,
          () => false,
        );
        if (cached) {
          const req = await playwrightRequest.newContext({ baseURL, storageState: file });
          const me = await getMe(req).catch(() => null);
          await req.dispose();
          if (me?.email === DEMO[role].email) return file;
        }
        const req = await playwrightRequest.newContext({ baseURL });
        await signInViaApi(req, DEMO[role]);
        await req.storageState({ path: file });
        await req.dispose();
        return file;
      }

      await use((role) => {
        if (!ready.has(role)) ready.set(role, prepare(role));
        return ready.get(role)!;
      });
    },
    { scope: "worker" },
  ],

  pageAs: async ({ browser, baseURL, authFile }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (who) => {
      const storageState = typeof who === "string" ? await authFile(who) : undefined;
      const context = await browser.newContext({ baseURL, storageState });
      contexts.push(context);
      if (typeof who !== "string") await signInViaApi(context.request, who);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
});

/** Signs up a fresh customer through the API and returns their signed-in page. */
export async function newCustomerPage(pageAs: TestFixtures["pageAs"], request: APIRequestContext, name = "E2E Customer") {
  const creds = { email: uniqueEmail("customer"), password: "e2e-password-123" };
  await signUpViaApi(request, { ...creds, name });
  const page = await pageAs(creds);
  return { page, creds, name };
}
