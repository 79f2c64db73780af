import { getCsrfToken } from "next-auth/react";
import type { Locale } from "./i18n";
import { translate } from "./i18n";
import { formatWait } from "./i18n/wait";

/**
 * Signs in with email and password as next-auth's `signIn("credentials", { redirect: false })` does (CSRF
 * token, then the credentials callback with json=true), but keeps what `signIn` drops: a throttled attempt
 * answers 429 with Retry-After, and the form can say how long to wait. The session cookie is set by the
 * answer; the caller navigates afterwards.
 */
export type SignInResult = { ok: true } | { ok: false; retryAfterSec?: number };

export interface SignInTransport {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  csrfToken: () => Promise<string | undefined>;
}

const browser = (): SignInTransport => ({ fetch: (url, init) => fetch(url, init), csrfToken: () => getCsrfToken() });

export async function signInWithPassword(email: string, password: string, transport: SignInTransport = browser()): Promise<SignInResult> {
  const csrfToken = (await transport.csrfToken()) ?? "";
  const res = await transport.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  if (res.status === 429) return { ok: false, retryAfterSec: Math.max(1, Number(res.headers.get("retry-after")) || 60) };
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  const error = data.url ? new URL(data.url, "http://localhost").searchParams.get("error") : "NoAnswer";
  return res.ok && !error ? { ok: true } : { ok: false };
}

/** What the form says about a failed sign-in, in the reader's language: with the wait when it was throttled. */
export function signInFailureMessage(locale: Locale, result: { ok: false; retryAfterSec?: number }): string {
  return result.retryAfterSec
    ? translate(locale, "auth.signIn.rateLimitedFor", { wait: formatWait(locale, result.retryAfterSec) })
    : translate(locale, "auth.signIn.failed");
}
