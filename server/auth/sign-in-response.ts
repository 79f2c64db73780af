import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { knownDeviceSetCookie } from "./known-device";

/**
 * next-auth's `authorize` returns a user or nothing; it cannot set the status or a header. So the route
 * handler runs each request inside a report that `authorize` fills in (how long to wait, or the
 * known-device cookie to set), and turns the report into the HTTP answer: 429 with Retry-After, or the
 * extra Set-Cookie.
 */
export interface SignInReport {
  retryAfterSec?: number;
  knownDevice?: string;
}

// On globalThis: the route and next-auth's options may be bundled into different chunks.
const holder = globalThis as unknown as { __mayakSignInReports?: AsyncLocalStorage<SignInReport> };
const reports = (holder.__mayakSignInReports ??= new AsyncLocalStorage<SignInReport>());

/** Called from `authorize`: adds to the running request's report (nothing outside a wrapped request). */
export function reportSignIn(patch: SignInReport): void {
  const report = reports.getStore();
  if (report) Object.assign(report, patch);
}

/** Wraps next-auth's route handler so that what `authorize` reported reaches the response. */
export function withSignInReport<C>(handler: (req: Request, ctx: C) => Promise<Response>, secureCookies: () => boolean) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const report: SignInReport = {};
    const res = await reports.run(report, () => handler(req, ctx));
    return finishSignIn(res, report, secureCookies());
  };
}

export async function finishSignIn(res: Response, report: SignInReport, secure: boolean): Promise<Response> {
  if (report.retryAfterSec) {
    // next-auth's client reads `url` (its `error` parameter says RATE_LIMITED); a plain form post got a
    // redirect, whose target becomes the `url` here. Cookies next-auth set (CSRF) are kept.
    const headers = new Headers(res.headers);
    let url = headers.get("location") ?? undefined;
    if (!url && (headers.get("content-type") ?? "").includes("application/json")) url = ((await res.json()) as { url?: string }).url;
    headers.delete("location");
    headers.set("content-type", "application/json");
    headers.set("cache-control", "no-store");
    headers.set("retry-after", String(report.retryAfterSec));
    const body = { url, error: "RATE_LIMITED", retryAfter: report.retryAfterSec };
    return new Response(JSON.stringify(body), { status: 429, headers });
  }
  if (report.knownDevice) {
    const headers = new Headers(res.headers);
    headers.append("set-cookie", knownDeviceSetCookie(report.knownDevice, secure));
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
  return res;
}
