import autocannon, { type AutocannonRequest } from "autocannon";
import http from "node:http";
import { summarize, type Summary } from "./stats";

export const USER_AGENT = "mayak-bench";

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through next-auth's credentials endpoint, as a browser would; returns the Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "user-agent": USER_AGENT },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${res.status})`);
  return session;
}

/** A distinct client address for request i (10.0.0.0/8): keeps the per-IP rate limiter out of the way. */
export function fakeIp(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

export interface LoadOptions {
  base: string;
  request: AutocannonRequest;
  connections: number;
  seconds: number;
}

/** Runs autocannon for a fixed duration and summarises every response's latency (2xx only). */
export async function load(opts: LoadOptions): Promise<Summary & { non2xx: number; sampleStatus?: number }> {
  const latencies: number[] = [];
  let non2xx = 0;
  let sampleStatus: number | undefined;
  const instance = autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    requests: [opts.request],
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else {
      non2xx++;
      sampleStatus ??= status;
    }
  });
  const result = await instance;
  const summary = summarize(latencies, result.duration, result.errors + result.timeouts + non2xx);
  return { ...summary, non2xx, sampleStatus };
}

export interface PacedOptions {
  base: string;
  clients: number;
  seconds: number;
  /** Each client waits between `pauseMs[0]` and `pauseMs[1]` (uniformly) after an answer before its next request. */
  pauseMs: [number, number];
  /** The n-th request overall: its path and headers. */
  request: (n: number) => { path: string; headers: Record<string, string> };
}

/**
 * Clients that pause between requests, as people do (autocannon's rate option sends each second's requests
 * in one burst, all connections at once). Each client has its own keep-alive connection; the latency of a
 * request is from sending it to the end of its answer. Only 2xx answers count as successful.
 */
export async function paced(opts: PacedOptions): Promise<Summary & { non2xx: number; sent: number }> {
  const url = new URL(opts.base);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let n = 0;
  const until = performance.now() + opts.seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function client() {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Start spread over one pause, so the clients do not move in step.
    await sleep(Math.random() * opts.pauseMs[1]);
    while (performance.now() < until) {
      const { path, headers } = opts.request(n++);
      const t0 = performance.now();
      const status = await new Promise<number>((resolve) => {
        const req = http.get({ host: url.hostname, port: url.port, path, headers, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", () => resolve(0));
      });
      const ms = performance.now() - t0;
      if (status >= 200 && status < 300) latencies.push(ms);
      else if (status === 0) errors++;
      else non2xx++;
      await sleep(opts.pauseMs[0] + Math.random() * (opts.pauseMs[1] - opts.pauseMs[0]));
    }
    agent.destroy();
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, client));
  const summary = summarize(latencies, (performance.now() - t0) / 1000, errors + non2xx);
  return { ...summary, non2xx, sent: n };
}
