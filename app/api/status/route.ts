import { getDb } from "@/server/db";
import { appUrl } from "@/server/env";
import { getStatusPage, toStatusJson } from "@/server/status/get-status-page";
import { SHORT_CACHE, langOf } from "./respond";

export const dynamic = "force-dynamic";

/** The status summary for other sites and the incident banner: `GET /api/status[?lang=ru]`. */
export async function GET(req: Request) {
  const locale = langOf(req);
  const data = await getStatusPage(getDb(), { now: Date.now(), locale, historyLimit: 1 });
  return Response.json(toStatusJson(data, appUrl(), locale), {
    headers: { "Cache-Control": SHORT_CACHE, "Access-Control-Allow-Origin": "*" },
  });
}
