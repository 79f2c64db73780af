import { publicApi } from "@/server/trpc/public-caller";
import { SHORT_CACHE, langOf } from "./respond";

export const dynamic = "force-dynamic";

/** The status summary for other sites and the incident banner: `GET /api/status[?lang=ru]`. */
export async function GET(req: Request) {
  return Response.json(await publicApi().status.summary({ locale: langOf(req) }), {
    headers: { "Cache-Control": SHORT_CACHE, "Access-Control-Allow-Origin": "*" },
  });
}
