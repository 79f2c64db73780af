import { getRequestCtx } from "@/server/auth/session";
import { handleAdvanceRequest } from "@/server/sla/test-clock";

export const dynamic = "force-dynamic";

/** POST /api/test/sla: a browser test's hook, on a test server only (server/sla/test-clock.ts). */
export async function POST(req: Request) {
  // Read here, not in server/env.ts: no deployment sets it; only the SLA browser test's own server does.
  return handleAdvanceRequest(req, await getRequestCtx(), process.env.MAYAK_TEST_HOOKS === "true");
}
