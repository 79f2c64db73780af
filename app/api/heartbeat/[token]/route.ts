import { getDb } from "@/server/db";
import { clientIp } from "@/server/auth/request-info";
import { getRateLimits } from "@/server/shared-state/rate-limits";
import { recordHeartbeat } from "@/server/monitoring/heartbeat";
import { AppError } from "@/server/errors";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };
const PER_ADDRESS = { name: "heartbeat", points: 600, durationSec: 60 };

/** GET or POST /api/heartbeat/<token>: a customer's cron job reports that it ran. */
async function ping(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const limit = await getRateLimits().consume(PER_ADDRESS, clientIp(req.headers));
  if (!limit.allowed) {
    return Response.json({ ok: false, error: "Too many requests" }, { status: 429, headers: { ...headers, "Retry-After": String(limit.retryAfterSec) } });
  }
  try {
    await boot();
    await recordHeartbeat(getDb(), (await params).token, Date.now());
    return Response.json({ ok: true }, { headers });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return Response.json({ ok: false, error: "Not found" }, { status: 404, headers });
    throw err;
  }
}

export const GET = ping;
export const POST = ping;
