import { ZodError } from "zod";
import { getDb } from "@/server/db";
import { getRequestCtx } from "@/server/auth/session";
import { checkRateLimit } from "@/server/auth/rate-limit";
import { unsubscribeByToken } from "@/server/subscriptions/manage-subscription";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

/**
 * POST /api/subscriptions/unsubscribe?token=… — RFC 8058 one-click unsubscribe: mail clients send
 * `List-Unsubscribe=One-Click` as the body, which is not needed here. Only POST: a GET (a link
 * scanner) must not unsubscribe anyone. A used or unknown token answers 200 as well.
 */
export async function POST(req: Request) {
  const ctx = await getRequestCtx();
  if (!checkRateLimit("subscription-token", ctx.ip, 60, 3600_000)) {
    return Response.json({ error: "Too many requests. Please wait a minute." }, { status: 429 });
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
