import http from "node:http";
import { test, expect } from "./helpers";

// Malformed requests against every route handler in app/api/**, a sample of tRPC procedures and the pages:
// none may answer 5xx. Sent with node:http, byte for byte as written here (no URL normalisation).
// Nothing here reaches a rate limit that later specs need: next-auth checks the CSRF token before sign-in,
// sign-up is left alone, and unsubscribe/heartbeat are called a few times only.

interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

function send(base: URL, p: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = p.body === undefined ? undefined : Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body);
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: p.method,
        path: p.path,
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...p.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };
const MULTIPART = { "content-type": "multipart/form-data; boundary=x" };
const NUL = "\u0000";
const HUGE = "x".repeat(2 * 1024 * 1024);

/** The same bodies for every POST: nothing, broken JSON, JSON of the wrong shape, broken forms, NUL bytes, 2 MB. */
function bodies(method: string, path: string): Probe[] {
  return [
    { method, path },
    { method, path, headers: JSON_TYPE, body: "{" },
    { method, path, headers: JSON_TYPE, body: "null" },
    { method, path, headers: JSON_TYPE, body: "[1,2]" },
    { method, path, headers: JSON_TYPE, body: '"text"' },
    {
      method,
      path,
      headers: JSON_TYPE,
      body: JSON.stringify({ csrfToken: 5, callbackUrl: ["/"], email: { a: 1 }, locale: 7, back: null }),
    },
    { method, path, headers: JSON_TYPE, body: JSON.stringify({ locale: `en${NUL}`, back: `/${NUL}`, email: `a${NUL}@b.c` }) },
    { method, path, headers: FORM_TYPE, body: "%FF=%FF&locale=%E0%A4%A&back=%" },
    { method, path, headers: FORM_TYPE, body: `locale=en&back=%2F%00` },
    { method, path, headers: MULTIPART, body: "not multipart at all" },
    { method, path, headers: { "content-type": "text/plain" }, body: "hello" },
    { method, path, headers: { "content-type": "application/json; charset=bogus" }, body: "{}" },
    { method, path, headers: JSON_TYPE, body: `{"a":"${HUGE}"}` },
    { method, path, headers: FORM_TYPE, body: `locale=en&back=/${HUGE}` },
  ];
}

const BAD_SEGMENTS = ["%FF", "%E0%A4%A", "%", "%00", "%01x", "..%2F..%2Fetc", "a".repeat(3000)];

function probes(): Probe[] {
  const list: Probe[] = [];
  const get = (path: string, headers?: Record<string, string>) => list.push({ method: "GET", path, headers });

  // Pages: bad percent-encoding and control characters in the path and the query.
  for (const seg of BAD_SEGMENTS) {
    for (const prefix of [
      "",
      "/ru",
      "/help",
      "/help/articles",
      "/tickets",
      "/inbox",
      "/status/incidents",
      "/invite",
      "/kb",
      "/subscriptions/confirm",
      "/admin/monitors",
    ]) {
      get(`${prefix}/${seg}`);
    }
  }
  for (const q of ["%FF", "%00", "%", "a%00b", encodeURIComponent("x".repeat(5000))]) {
    get(`/help/search?q=${q}`);
    get(`/signin?callbackUrl=${q}`);
    get(`/status?lang=${q}`);
  }

  // next-auth.
  for (const action of [
    "csrf",
    "session",
    "providers",
    "signin",
    "signin/credentials",
    "callback/credentials",
    "signout",
    "_log",
    "error",
    "verify-request",
    "%FF",
    "callback/%FF",
    "nope",
  ]) {
    get(`/api/auth/${action}`);
    get(`/api/auth/${action}?callbackUrl=%FF&error=%00`);
    if (["signin/credentials", "callback/credentials", "signout", "_log", "session", "%FF"].includes(action))
      list.push(...bodies("POST", `/api/auth/${action}`));
  }

  // The small route handlers.
  get("/api/health");
  list.push({ method: "POST", path: "/api/health", headers: JSON_TYPE, body: "{" });
  for (const seg of ["%FF", "%00", "%", "x".repeat(3000), "short"]) get(`/api/heartbeat/${seg}`);
  list.push(...bodies("POST", "/api/heartbeat/not-a-token").slice(0, 4));
  list.push(...bodies("POST", "/api/internal/revalidate"));
  list.push({
    method: "POST",
    path: "/api/internal/revalidate",
    headers: { ...JSON_TYPE, authorization: "Bearer \u00ff%FF not-a-token" },
    body: "{",
  });
  list.push(...bodies("POST", "/api/locale"));
  for (const q of ["to=xx&back=/", "to=en&back=%FF", "to=en&back=%00", "to=en&back=//evil.example", "", "to=%FF"]) get(`/api/locale?${q}`);
  for (const q of ["q=%FF", "q=%00", "q=%", "limit=abc&offset=-1", "locale=xx&kind=zz&category=%FF", `q=${"x".repeat(5000)}`])
    get(`/api/search?${q}`);
  for (const q of ["lang=%FF", "lang=%00", "lang=xx"]) {
    get(`/api/status?${q}`);
    get(`/api/status/feed.rss?${q}`);
    get(`/api/status/feed.atom?${q}`);
  }
  for (const q of ["component=%FF", "component=%00", `component=${"a".repeat(5000)}`, "component="]) get(`/api/status/badge.svg?${q}`);
  for (const q of ["token=%FF", "token=%00", "", `token=${"a".repeat(5000)}`])
    list.push({ method: "POST", path: `/api/subscriptions/unsubscribe?${q}` });
  list.push(...bodies("POST", "/api/subscriptions/unsubscribe?token=x").slice(0, 3));

  // tRPC: the transport, then wrong inputs to a sample of procedures.
  for (const path of [
    "/api/trpc/%FF",
    "/api/trpc/%00",
    "/api/trpc/nope.nope",
    "/api/trpc/kb.search?input=%FF",
    "/api/trpc/kb.search?input=%7B",
    "/api/trpc/kb.search?batch=1&input=5",
    "/api/trpc/kb.search,%FF?batch=1&input=%7B%7D",
    "/api/trpc/account.me?input=null",
  ]) {
    get(path);
  }
  list.push(...bodies("POST", "/api/trpc/tickets.create"));
  list.push(...bodies("POST", "/api/trpc/kb.feedback?batch=1"));
  const wrong: Record<string, unknown[]> = {
    "kb.search": [{ q: 5 }, { q: { $gt: "" } }, { q: `a${NUL}b` }, { q: "x".repeat(100_000) }, { limit: "all" }, null, [1], "text"],
    "kb.feedback": [
      { articleId: "1", helpful: "yes" },
      { articleId: -1, helpful: true, comment: NUL },
      { articleId: 1e300, helpful: true },
      {},
    ],
    "account.acceptInvite": [
      { token: 5, password: [] },
      { token: `${"a".repeat(30)}${NUL}`, password: `pw${NUL}`.repeat(8), name: NUL },
    ],
    "subscriptions.subscribe": [
      { kind: "carrier-pigeon" },
      { kind: "email", email: `a${NUL}@example.test` },
      { kind: "webhook", url: "javascript:alert(1)" },
    ],
    "tickets.create": [{ subject: 5 }, { subject: "x".repeat(1_000_000) }],
    "status.get": [{ locale: 5 }, "x"],
  };
  for (const [proc, inputs] of Object.entries(wrong)) {
    for (const input of inputs) {
      const json = JSON.stringify(input);
      list.push({ method: "POST", path: `/api/trpc/${proc}`, headers: JSON_TYPE, body: json });
      get(`/api/trpc/${proc}?input=${encodeURIComponent(json.slice(0, 4000))}`);
    }
  }
  return list;
}

test("no malformed request gets a 5xx", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const base = new URL(baseURL!);
  const failures: string[] = [];
  for (const p of probes()) {
    const a = await send(base, p);
    if (a.status >= 500 || a.status === 0) {
      const body = typeof p.body === "string" ? p.body.slice(0, 60) : p.body ? `<${p.body.length} bytes>` : "";
      failures.push(
        `${a.status} ${p.method} ${p.path.slice(0, 80)} ${p.headers?.["content-type"] ?? ""} ${JSON.stringify(body)} -> ${a.body.slice(0, 80)}`,
      );
    }
  }
  expect(failures, failures.join("\n")).toEqual([]);
});

test("malformed requests are told what is wrong", async ({ baseURL }) => {
  const base = new URL(baseURL!);
  const locale = await send(base, { method: "POST", path: "/api/locale" });
  expect(locale.status).toBe(400);
  expect(JSON.parse(locale.body)).toEqual({ error: "Send a form with locale=en or locale=ru" });

  const page = await send(base, { method: "GET", path: "/help/%FF" });
  expect(page.status).toBe(400);
  expect(page.body).toContain("not valid percent-encoding");

  const api = await send(base, { method: "GET", path: "/api/heartbeat/%E0%A4%A" });
  expect(api.status).toBe(400);
  expect(JSON.parse(api.body)).toMatchObject({ error: expect.stringContaining("percent-encoding") });

  const long = await send(base, { method: "GET", path: `/help/articles/${"a".repeat(300)}` });
  expect(long.status).toBe(414);

  const auth = await send(base, { method: "POST", path: "/api/auth/callback/credentials", headers: JSON_TYPE, body: "{" });
  expect(auth.status).toBe(400);
  expect(JSON.parse(auth.body)).toMatchObject({ error: expect.stringContaining("JSON") });
});
