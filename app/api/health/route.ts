import { sql } from "kysely";
import { getDb } from "@/server/db";
import { boot } from "@/server/boot";
import { getSearchEngine } from "@/server/search";

export const dynamic = "force-dynamic";

/**
 * Ready (200) when the schema is migrated and the database answers. `search` says whether the search index
 * is built ("ready") or still being built in the background ("building": searches are answered from the
 * database meanwhile).
 */
export async function GET() {
  try {
    await boot();
    await sql`select 1`.execute(getDb());
    return Response.json({ status: "ok", search: getSearchEngine().isReady?.() === false ? "building" : "ready" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
