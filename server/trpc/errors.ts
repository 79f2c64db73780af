import "server-only";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "../errors";
import { msg } from "@/lib/i18n";

type TRPCCode = TRPCError["code"];

const CODE_MAP: Record<AppErrorCode, TRPCCode> = {
  NOT_FOUND: "NOT_FOUND",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  INVALID_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  WEAK_PASSWORD: "BAD_REQUEST",
  WRONG_PASSWORD: "BAD_REQUEST",
  RESET_INVALID: "BAD_REQUEST",
  SIGN_UP_LINK_INVALID: "BAD_REQUEST",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  ACCOUNT_DISABLED: "UNAUTHORIZED",
  INVITE_INVALID: "BAD_REQUEST",
  TICKET_CLOSED: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  LAST_ADMIN: "CONFLICT",
  TWO_FACTOR_REQUIRED: "UNAUTHORIZED",
  TWO_FACTOR_INVALID: "BAD_REQUEST",
  TWO_FACTOR_ENROLMENT_REQUIRED: "FORBIDDEN",
  TWO_FACTOR_ENABLED: "CONFLICT",
  TWO_FACTOR_NOT_ENABLED: "CONFLICT",
};

/** The one place domain errors become API errors. Zod errors from domain parsing become BAD_REQUEST. */
export function toTRPCError(err: unknown): unknown {
  if (err instanceof AppError) {
    return new TRPCError({ code: CODE_MAP[err.code], message: err.message, cause: err });
  }
  if (err instanceof ZodError) {
    return new TRPCError({ code: "BAD_REQUEST", message: err.issues[0]?.message ?? msg("err.invalid"), cause: err });
  }
  return err;
}

/** Field errors for the form that caused them: from zod, or from a domain error that names a field. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.join(".") || "_form";
      (out[key] ??= []).push(issue.message);
    }
    return out;
  }
  if (cause instanceof AppError && cause.field) return { [cause.field]: cause.fieldMessages ?? [cause.message] };
  return null;
}

export function appCodeOf(cause: unknown): string | null {
  return cause instanceof AppError ? cause.code : null;
}
