import { TRPCError } from "@trpc/server";
import { boot } from "@/server/boot";
import { serverApi } from "@/server/trpc/server";
import { retryAfterHeader } from "@/server/trpc/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/subscriptions/unsubscribe?token=… — RFC 8058 one-click unsubscribe: mail clients send
 * `List-Unsubscribe=One-Click` as the body, which is not needed here. Only POST: a GET (a link
 * scanner) must not unsubscribe anyone. A used or unknown token answers 200 as well. The same procedure
 * as the unsubscribe page (subscriptions.unsubscribe), with its limit per address.
 */
export async function POST(req: Request) {
  try {
    await boot();
    const token = new URL(req.url).searchParams.get("token") ?? "";
    return Response.json(await (await serverApi()).subscriptions.unsubscribe({ token }), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    if (err.code === "TOO_MANY_REQUESTS")
      return Response.json({ error: "Too many requests. Please try again later." }, { status: 429, headers: retryAfterHeader([err]) });
    if (err.code === "BAD_REQUEST") return Response.json({ error: "Malformed token" }, { status: 400 });
    throw err;
  }
}
