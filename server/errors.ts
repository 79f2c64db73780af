import "server-only";
import { msg } from "@/lib/i18n";
/** Domain errors. Domain code throws these; server/trpc/errors.ts maps them to API errors in one place. */
export type AppErrorCode =
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "EMAIL_TAKEN"
  // Passwords and account links (server/auth/password-policy.ts, server/users).
  | "WEAK_PASSWORD"
  | "WRONG_PASSWORD"
  | "RESET_INVALID"
  | "SIGN_UP_LINK_INVALID"
  | "INVALID_CREDENTIALS"
  | "ACCOUNT_DISABLED"
  | "INVITE_INVALID"
  | "TICKET_CLOSED"
  | "RATE_LIMITED"
  | "LAST_ADMIN"
  // Two-factor authentication (server/two-factor).
  | "TWO_FACTOR_REQUIRED"
  | "TWO_FACTOR_INVALID"
  | "TWO_FACTOR_ENROLMENT_REQUIRED"
  | "TWO_FACTOR_ENABLED"
  | "TWO_FACTOR_NOT_ENABLED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
    /** Several sentences for `field` (a refused password lists every problem); `message` is the first. */
    readonly fieldMessages?: string[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(what = msg("err.notFound")): AppError {
  return new AppError("NOT_FOUND", what);
}

/** A rate limit refused the request; `retryAfterSec` says when to try again (HTTP 429 with Retry-After). */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSec: number) {
    super("RATE_LIMITED", msg("err.rateLimited"));
    this.name = "RateLimitedError";
  }
}
