import { getDb } from "@/server/db";
import { clientIp } from "@/server/auth/request-info";
import { checkRateLimit } from "@/server/auth/rate-limit";
import { recordHeartbeat } from "@/server/monitoring/heartbeat";
import { AppError } from "@/server/errors";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

const headers = { "Cache-Control": "no-store" };

/** GET or POST /api/heartbeat/<token>: a customer's cron job reports that it ran. */
async function ping(req: Request, { params }: { params: Promise<{ token: string }> }) {
  if (!checkRateLimit("heartbeat", clientIp(req.headers), 600, 60_000)) {
    return Response.json({ ok: false, error: "Too many requests" }, { status: 429, headers });
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
