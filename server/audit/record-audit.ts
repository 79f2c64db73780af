import "server-only";
import { forUpdate, type Tx } from "../db/dialect";
import { toJson } from "../db/json";
import type { RequestCtx } from "../context";
import { hashEvent, newPayloadKey, type HashedFields } from "./seal";

export { hashEvent, type HashedFields };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit event inside the caller's transaction. The chain head row is locked, so concurrent
 * writers append one after the other and every event carries the hash of the one before it.
 */
export async function recordAudit(trx: Tx, ctx: RequestCtx, input: AuditInput): Promise<void> {
  const head = await forUpdate(trx, trx.selectFrom("audit_head").select(["last_hash"]).where("id", "=", 1)).executeTakeFirstOrThrow();
  const fields: HashedFields = {
    actor_id: ctx.actor?.id ?? null,
    actor_role: ctx.actor?.role ?? "anonymous",
    action: input.action,
    entity_type: input.entityType,
    entity_id: String(input.entityId),
    before_json: toJson(input.before),
    after_json: toJson(input.after),
    ip: ctx.ip.slice(0, 64),
    user_agent: ctx.userAgent.slice(0, 512),
    created_at: ctx.now(),
    prev_hash: head.last_hash,
    payload_key: newPayloadKey(),
  };
  const hash = hashEvent(fields);
  const res = await trx
    .insertInto("audit_events")
    .values({ ...fields, hash })
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("audit_head")
    .set({ last_hash: hash, last_id: Number(res.insertId) })
    .where("id", "=", 1)
    .execute();
}
