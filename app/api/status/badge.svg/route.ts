import { renderBadge } from "@/server/status/badge";
import { publicApi } from "@/server/trpc/public-caller";
import { SHORT_CACHE } from "../respond";

export const dynamic = "force-dynamic";

/** `GET /api/status/badge.svg[?component=<slug>]`: the overall or one component's status as an SVG badge. */
export async function GET(req: Request) {
  const slug = new URL(req.url).searchParams.get("component");
  if (slug !== null && !/^[a-z0-9-]{1,64}$/i.test(slug)) return new Response("Unknown component", { status: 404 });
  const current = await publicApi().status.current({ component: slug });
  if (!current) return new Response("Unknown component", { status: 404 });
  return new Response(renderBadge(slug === null ? "status" : current.name_en, current.status), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": SHORT_CACHE },
  });
}
