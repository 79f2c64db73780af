import "server-only";
import { boot } from "../boot";
import type { HttpAnswer } from "../kb/search-http";
import { handleTrpcRequest } from "./http";
import { contextFromHeaders, type HeaderContextDeps } from "./context";
import { MAX_BATCH_CALLS } from "./request-limits";

/**
 * The production server (server.mjs) answers GET /api/trpc calls of these procedures with the function found
 * under this key, outside Next's router: the agent inbox's list and counts, which an open inbox polls and pages
 * through. Next's router and route handler cost more CPU than the list's own query (BENCHMARKS.md, "Agent inbox
 * at a million tickets"). The call goes through the same tRPC router, procedures and error formatting as
 * through Next; only the context is made from the request's headers instead of Next's request scope.
 */
export const TRPC_FAST_KEY = Symbol.for("mayak.trpcFast");
export type TrpcFastHttp = (url: string, headers: Headers) => Promise<HttpAnswer | null>;

/** A test's database and session settings (the app's by default), and what to wait for before answering (boot). */
export interface FastDeps {
  ready?: () => Promise<void>;
  context?: HeaderContextDeps;
}

const FAST_PROCEDURES = new Set(["inbox.list", "inbox.counts"]);
const PREFIX = "/api/trpc/";

/** Whether a GET of `url` may be answered here: every procedure it names is one of FAST_PROCEDURES, at most MAX_BATCH_CALLS. */
export function isFastTrpcUrl(url: string): boolean {
  if (!url.startsWith(PREFIX)) return false;
  const q = url.indexOf("?");
  const names = (q < 0 ? url.slice(PREFIX.length) : url.slice(PREFIX.length, q)).split(",");
  return names.length <= MAX_BATCH_CALLS && names.every((n) => FAST_PROCEDURES.has(n));
}

/** GET /api/trpc/inbox.list|inbox.counts (single or batched): the tRPC answer, or null for a request to leave to Next. */
export async function trpcFastHttp(url: string, headers: Headers, deps?: FastDeps): Promise<HttpAnswer | null> {
  if (!isFastTrpcUrl(url)) return null;
  await (deps?.ready ?? boot)();
  const context = deps?.context;
  const res = await handleTrpcRequest(new Request(`http://localhost${url}`, { headers }), () => contextFromHeaders(headers, context));
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    out[key] = value;
  });
  return { status: res.status, headers: out, body: await res.text() };
}
