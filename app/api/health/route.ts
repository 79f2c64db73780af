import { boot } from "@/server/boot";
import { publicApi } from "@/server/trpc/public-caller";

export const dynamic = "force-dynamic";

/**
 * Ready (200) when the schema is migrated and the database answers. `search` says whether the search index
 * is built ("ready") or still being built in the background ("building": searches are answered from the
 * database meanwhile).
 */
export async function GET() {
  try {
    await boot();
    return Response.json(await publicApi().system.health());
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
