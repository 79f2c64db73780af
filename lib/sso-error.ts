import type { MessageKey } from "@/lib/i18n";

/** The reasons server/users/sign-in-with-sso.ts refuses a single sign-on (`?error=sso_<reason>`). */
const REFUSALS = ["email_missing", "email_unverified", "domain_not_allowed", "no_account", "no_role", "disabled", "not_staff"] as const;

/** next-auth's own error codes that end an OAuth sign-in (it sends the browser to /signin?error=<code>). */
const PROTOCOL_FAILURES = ["OAuthCallback", "Callback", "OAuthCreateAccount", "OAuthAccountNotLinked", "AccessDenied"];

/**
 * The message for the sign-in page's `error` parameter after a single sign-on, or null for anything else
 * (a password sign-in reports its errors in the form, not through the URL).
 */
export function ssoErrorMessage(error: string | undefined): MessageKey | null {
  if (!error) return null;
  if (error.startsWith("sso_")) {
    const reason = error.slice(4);
    return (REFUSALS as readonly string[]).includes(reason) ? (`sso.err.${reason}` as MessageKey) : "sso.err.failed";
  }
  if (error === "OAuthSignin") return "sso.err.unreachable";
  return PROTOCOL_FAILURES.includes(error) ? "sso.err.failed" : null;
}
