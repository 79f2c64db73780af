import { sql } from "kysely";
import { getDb } from "@/server/db";
import { boot } from "@/server/boot";

export const dynamic = "force-dynamic";

/** Ready when the schema is migrated and the database answers. */
export async function GET() {
  try {
    await boot();
    await sql`select 1`.execute(getDb());
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
