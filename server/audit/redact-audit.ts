import "server-only";
import type { Tx } from "../db/dialect";
import { redactedValues, type SealedField } from "./seal";

/**
 * Removes fields from audit events, keeping their digests (server/audit/seal.ts): the chain still verifies
 * and the events show as redacted. Runs inside the caller's transaction, which also records why (an erasure
 * event). Returns the ids of the events that changed.
 */
export async function redactAuditEvents(trx: Tx, plan: ReadonlyMap<number, readonly SealedField[]>): Promise<number[]> {
  const ids = [...plan.keys()].sort((a, b) => a - b);
  const changed: number[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom("audit_events")
      .select(["id", "entity_id", "before_json", "after_json", "ip", "user_agent", "payload_key", "redactions"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const values = redactedValues(row, plan.get(row.id) ?? []);
      if (!values) continue;
      await trx.updateTable("audit_events").set(values).where("id", "=", row.id).execute();
      changed.push(row.id);
    }
  }
  return changed;
}
