import "server-only";
import { Migrator, type MigrationResultSet } from "kysely";
import type { DB } from "./connect";
import { migrations } from "./migrations";

/** Brings the schema up to date. Safe to call at every start; several instances may race (the migrator locks). */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
