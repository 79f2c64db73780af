import "server-only";
import type { DB } from "./connect";
import { transact } from "./transact";

// Tables a reset keeps: the migrator's own, and one-row settings that migrations create and the app only updates.
const KEEP = new Set(["kysely_migration", "kysely_migration_lock", "audit_head", "retention_settings", "two_factor_settings"]);

/**
 * Empties every table and restarts the audit chain: for `npm run db:seed -- --reset` only. The tables come from
 * the database itself, so a table added by a later migration is never forgotten. A delete that a foreign key
 * blocks (a parent emptied before its children) is tried again in the next pass; each statement fails alone.
 */
export async function resetDatabase(db: DB): Promise<void> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !KEEP.has(name));
  await transact(db, async (trx) => {
    let left = tables;
    for (let pass = 0; left.length > 0 && pass <= tables.length; pass++) {
      const blocked: string[] = [];
      for (const table of left) {
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the names come from the database, not the typed schema
          await trx.deleteFrom(table as any).execute();
        } catch {
          blocked.push(table);
        }
      }
      left = blocked;
    }
    if (left.length > 0) throw new Error(`reset could not empty: ${left.join(", ")}`);
    await trx
      .updateTable("audit_head")
      .set({ last_id: 0, last_hash: "0".repeat(64) })
      .where("id", "=", 1)
      .execute();
  });
}
