import autocannon, { type AutocannonRequest } from "autocannon";
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
