import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { DB } from "../db";
import type { Actor, RequestCtx } from "../context";
import { can, type Permission } from "../auth/permissions";
import { AppError, RateLimitedError } from "../errors";
import { getRateLimits, type RateLimits, type RateRule } from "../shared-state/rate-limits";
import { appCodeOf, fieldErrorsOf, toTRPCError } from "./errors";
import { enrolmentDue } from "../two-factor/policy";
import { twoFactorDefaults } from "../two-factor/config";
import { localizeMessage, msg, translate, type Locale } from "@/lib/i18n";
import { formatWait } from "@/lib/i18n/wait";

export interface TRPCContext extends RequestCtx {
  db: DB;
  appUrl: string;
  locale: Locale;
  /** Where rate limits are counted: the app's shared store unless a test passes its own. */
  rateLimits?: RateLimits;
  /**
   * Whether the actor must still set up the second factor their role requires, as read with the session (once
   * per request); absent (a server-side caller, a test), each procedure reads it.
   */
  secondFactorDue?: boolean;
}

function localizeFieldErrors(locale: Locale, errors: Record<string, string[]> | null) {
  if (!errors) return null;
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.map((m) => localizeMessage(locale, m))]));
}

const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "en";
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const retryAfter = error.cause instanceof RateLimitedError ? error.cause.retryAfterSec : undefined;
    return {
      ...shape,
      // The log has the cause; the client gets a plain sentence (how long to wait, when a limit refused it).
      message: retryAfter
        ? translate(locale, "err.rateLimitedFor", { wait: formatWait(locale, retryAfter) })
        : localizeMessage(locale, internal ? msg("err.internal") : shape.message),
      data: {
        ...shape.data,
        fieldErrors: localizeFieldErrors(locale, fieldErrorsOf(error.cause)),
        appCode: appCodeOf(error.cause),
        retryAfter,
        stack: undefined,
      },
    };
  },
});

/** Maps domain errors to tRPC errors once, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors);

/**
 * Signed in, even while the second factor the role requires is not set up: only for setting it up and the
 * account's basics. Everything else is an authedProcedure.
 */
export const enrollingProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: msg("err.signIn") });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Until the second factor the actor's role requires (server/two-factor/policy.ts) is set up, FORBIDDEN with appCode TWO_FACTOR_ENROLMENT_REQUIRED. */
async function requireSecondFactor(ctx: TRPCContext & { actor: Actor }): Promise<void> {
  if (ctx.secondFactorDue ?? (await enrolmentDue(ctx.db, ctx.actor, twoFactorDefaults()))) {
    throw new AppError("TWO_FACTOR_ENROLMENT_REQUIRED", msg("twoFactor.err.enrolmentRequired"));
  }
}

/** Signed in, any role, with the second factor the role requires. */
export const authedProcedure = enrollingProcedure.use(async ({ ctx, next }) => {
  await requireSecondFactor(ctx);
  return next();
});

/**
 * Procedures built from the permission catalog. A signed-in actor without the permission gets NOT_FOUND:
 * the API never confirms that something exists to someone who may not see it. The permission is checked
 * first (no query), then the second factor, as for authedProcedure.
 */
export function procedure(permission: Permission) {
  return enrollingProcedure
    .use(({ ctx, next }) => {
      if (!can(ctx.actor, permission)) throw new TRPCError({ code: "NOT_FOUND", message: msg("err.notFound") });
      return next({ ctx });
    })
    .use(async ({ ctx, next }) => {
      await requireSecondFactor(ctx);
      return next();
    });
}

/** Counts one call against `rule` for `key`; refused, it throws RATE_LIMITED (429 with Retry-After over HTTP). */
export async function enforceRateLimit(ctx: Pick<TRPCContext, "rateLimits">, rule: RateRule, key: string): Promise<void> {
  const decision = await (ctx.rateLimits ?? getRateLimits()).consume(rule, key);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSec);
}

/**
 * Limits how often one address may call a procedure, counted in the shared store so that every instance
 * agrees. Every public mutation has one (server/trpc/public-mutations.test.ts walks the router); put it
 * before `.input()`, so a refused call costs no parsing.
 */
export function rateLimited(bucket: string, limit: number, windowMs: number) {
  const rule: RateRule = { name: bucket, points: limit, durationSec: Math.ceil(windowMs / 1000) };
  return t.middleware(async ({ ctx, next }) => {
    await enforceRateLimit(ctx, rule, ctx.ip);
    return next();
  });
}
