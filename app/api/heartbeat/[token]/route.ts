import { TRPCError } from "@trpc/server";
import { boot } from "@/server/boot";
import { serverApi } from "@/server/trpc/server";
import { retryAfterHeader } from "@/server/trpc/http";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

/**
 * GET or POST /api/heartbeat/<token>: a customer's cron job reports that it ran, through monitors.heartbeat
 * (limited per address). A token that is unknown, or could not be one, is 404.
 */
async function ping(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    await boot();
    await (await serverApi()).monitors.heartbeat({ token: (await params).token });
    return Response.json({ ok: true }, { headers });
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    if (err.code === "TOO_MANY_REQUESTS")
      return Response.json({ ok: false, error: "Too many requests" }, { status: 429, headers: { ...headers, ...retryAfterHeader([err]) } });
    if (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")
      return Response.json({ ok: false, error: "Not found" }, { status: 404, headers });
    throw err;
  }
}

export const GET = ping;
export const POST = ping;
