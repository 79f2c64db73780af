import type { DB } from "@/server/db";
import type { Actor } from "@/server/context";
import { createMemoryRateLimits } from "@/server/shared-state/rate-limits";
import { createCaller } from "@/server/trpc/root";

/**
 * The API as `actor` from `ip`, counting rate limits in a store of its own (pass one to share it between
 * callers), so that tests of the limits neither see nor leave counts in the app's store.
 */
export function apiWithLimits(
  db: DB,
  actor: Actor | null,
  opts: {
    ip?: string;
    userAgent?: string;
    now?: () => number;
    limits?: ReturnType<typeof createMemoryRateLimits>;
    locale?: "en" | "ru";
  } = {},
) {
  return createCaller({
    db,
    actor,
    ip: opts.ip ?? "198.51.100.20",
    userAgent: opts.userAgent ?? "vitest",
    now: opts.now ?? Date.now,
    appUrl: "http://mayak.test",
    locale: opts.locale ?? "en",
    rateLimits: opts.limits ?? createMemoryRateLimits(),
  });
}

/** The newest email to `to`, or undefined. */
export async function lastEmailTo(db: DB, to: string) {
  return db.selectFrom("outbox_emails").selectAll().where("to_address", "=", to).orderBy("id", "desc").executeTakeFirst();
}

/** The token of the `path?token=…` link in the newest email to `to`, as a person would follow it. */
export async function linkTokenFromOutbox(db: DB, to: string, path: "/signup/confirm" | "/reset-password"): Promise<string> {
  const mail = await lastEmailTo(db, to);
  if (!mail) throw new Error(`no email to ${to}`);
  const m = new RegExp(`https?://[^\\s]*${path.replace(/\//g, "\\/")}\\?token=([\\w%-]+)`).exec(mail.body_text);
  if (!m) throw new Error(`no ${path} link in the email to ${to}: ${mail.body_text}`);
  return decodeURIComponent(m[1]);
}

/** Signs up through the API and follows the confirmation link from the outbox: a customer account, as a person gets one. */
export async function signUpAndConfirm(
  db: DB,
  input: { email: string; password: string; name: string; locale?: "en" | "ru" },
  opts: { ip?: string; userAgent?: string; now?: () => number } = {},
): Promise<{ id: number }> {
  const api = apiWithLimits(db, null, opts);
  await api.account.signUp(input);
  const email = input.email.trim().toLowerCase();
  await api.account.confirmSignUp({ token: await linkTokenFromOutbox(db, email, "/signup/confirm") });
  const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { id: user.id };
}
