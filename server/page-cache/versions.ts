import "server-only";
import { sql } from "kysely";
import type { DB } from "../db";

/** The public areas with a page cache of their own. */
export const PAGE_AREAS = ["status", "help"] as const;
export type PageArea = (typeof PAGE_AREAS)[number];

/** The table of migration 2026_12_03_0015, known only here. */
type PageCacheTables = {
  page_cache_versions: { area: string; version: number; changed_at: number };
};

const tables = (db: DB) => db.withTables<PageCacheTables>();

/** Counts a change in each of `areas`, for every instance to see (one atomic increment per area). */
export async function bumpPageVersions(db: DB, areas: readonly PageArea[], now: number): Promise<void> {
  if (areas.length === 0) return;
  await tables(db)
    .updateTable("page_cache_versions")
    .set({ version: sql<number>`version + 1`, changed_at: now })
    .where("area", "in", [...areas])
    .execute();
}

/** Each area's change counter. */
export async function readPageVersions(db: DB): Promise<Record<PageArea, number>> {
  const rows = await tables(db).selectFrom("page_cache_versions").select(["area", "version"]).execute();
  const out: Record<PageArea, number> = { status: 0, help: 0 };
  for (const r of rows) if ((PAGE_AREAS as readonly string[]).includes(r.area)) out[r.area as PageArea] = Number(r.version);
  return out;
}
