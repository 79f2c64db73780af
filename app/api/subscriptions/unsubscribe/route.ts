import { ZodError } from "zod";
import { getDb } from "@/server/db";
import { getRequestCtx } from "@/server/auth/session";
import { getRateLimits } from "@/server/shared-state/rate-limits";
import { unsubscribeByToken } from "@/server/subscriptions/manage-subscription";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

// The same bucket as the confirm and unsubscribe procedures (server/trpc/routers/subscriptions.ts).
const TOKEN_USES = { name: "subscription-token", points: 60, durationSec: 3600 };

/**
 * POST /api/subscriptions/unsubscribe?token=… — RFC 8058 one-click unsubscribe: mail clients send
 * `List-Unsubscribe=One-Click` as the body, which is not needed here. Only POST: a GET (a link
 * scanner) must not unsubscribe anyone. A used or unknown token answers 200 as well.
 */
export async function POST(req: Request) {
  const ctx = await getRequestCtx();
  const limit = await getRateLimits().consume(TOKEN_USES, ctx.ip);
  if (!limit.allowed) {
    return Response.json({ error: "Too many requests. Please try again later." }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSec) } });
  }
  try {
    await boot();
    const token = new URL(req.url).searchParams.get("token") ?? "";
    return Response.json(await unsubscribeByToken(getDb(), ctx, { token }), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof ZodError) return Response.json({ error: "Malformed token" }, { status: 400 });
    throw err;
  }
}
