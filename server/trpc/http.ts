import "server-only";
import type { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RateLimitedError } from "../errors";
import { appRouter } from "./root";
import type { TRPCContext } from "./init";

/** Retry-After for an answer that a rate limit refused: the longest wait among its errors (a batch may hold several). */
export function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> | undefined {
  const waits = errors.map((e) => (e.cause instanceof RateLimitedError ? e.cause.retryAfterSec : 0));
  const wait = Math.max(0, ...waits);
  return wait > 0 ? { "Retry-After": String(wait) } : undefined;
}

/** /api/trpc over fetch: the route handler passes the request's context; tests pass their own. */
export function handleTrpcRequest(req: Request, createContext: () => Promise<TRPCContext>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
