import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { can, type Permission } from "../auth/permissions";
import { checkRateLimit } from "../auth/rate-limit";
import { appCodeOf, fieldErrorsOf, toTRPCError } from "./errors";
import { localizeMessage, msg, type Locale } from "@/lib/i18n";

export interface TRPCContext extends RequestCtx {
  db: DB;
  appUrl: string;
  locale: Locale;
}

function localizeFieldErrors(locale: Locale, errors: Record<string, string[]> | null) {
  if (!errors) return null;
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.map((m) => localizeMessage(locale, m))]));
}

const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "en";
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // The log has the cause; the client gets a plain sentence.
      message: localizeMessage(locale, internal ? msg("err.internal") : shape.message),
      data: { ...shape.data, fieldErrors: localizeFieldErrors(locale, fieldErrorsOf(error.cause)), appCode: appCodeOf(error.cause), stack: undefined },
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

/** Signed in, any role. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: msg("err.signIn") });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * Procedures built from the permission catalog. A signed-in actor without the permission gets NOT_FOUND:
 * the API never confirms that something exists to someone who may not see it.
 */
export function procedure(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.actor, permission)) throw new TRPCError({ code: "NOT_FOUND", message: msg("err.notFound") });
    return next({ ctx });
  });
}

/** Limits how often one address may call a procedure (sign-up, ticket creation). */
export function rateLimited(bucket: string, limit: number, windowMs: number) {
  return t.middleware(({ ctx, next }) => {
    if (!checkRateLimit(bucket, ctx.ip, limit, windowMs)) {
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: msg("err.rateLimited") });
    }
    return next();
  });
}
