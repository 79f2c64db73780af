import { publicApi } from "@/server/trpc/public-caller";
import { SHORT_CACHE } from "../respond";

export const dynamic = "force-dynamic";

/**
 * `GET /api/status/latency`: each measured component's hourly average response time over the last 168
 * hours (null for an hour without measurements), by component id. The status page fetches it when a reader
 * opens the response-time charts; anonymous readers get it from the page cache.
 */
export async function GET() {
  const data = await publicApi().status.page({ locale: "en" });
  const out: Record<number, (number | null)[]> = {};
  for (const g of data.groups)
    for (const c of g.components) if (c.latency7d.some((p) => p.avgMs !== null)) out[c.id] = c.latency7d.map((p) => p.avgMs);
  return Response.json(out, { headers: { "Cache-Control": SHORT_CACHE } });
}
