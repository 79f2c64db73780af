import "server-only";
import crypto from "node:crypto";
import { forUpdate, type Tx } from "../db/dialect";
import { toJson } from "../db/json";
import type { RequestCtx } from "../context";

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

export interface HashedFields {
  actor_id: number | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  ip: string;
  user_agent: string;
  created_at: number;
  prev_hash: string;
}

/** The hash of one event: every stored field plus the previous event's hash. */
export function hashEvent(e: HashedFields): string {
  const canonical = JSON.stringify([
    e.prev_hash, e.actor_id, e.actor_role, e.action, e.entity_type, e.entity_id,
    e.before_json, e.after_json, e.ip, e.user_agent, Number(e.created_at),
  ]);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/**
 * Writes one audit event inside the caller's transaction. The chain head row is locked, so concurrent
 * writers append one after the other and every event carries the hash of the one before it.
 */
export async function recordAudit(
  trx: Tx,
  ctx: RequestCtx,
  input: AuditInput,
): Promise<void> {
  const head = await forUpdate(
    trx,
    trx.selectFrom("audit_head").select(["last_hash"]).where("id", "=", 1),
  ).executeTakeFirstOrThrow();
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
  };
  const hash = hashEvent(fields);
  const res = await trx.insertInto("audit_events").values({ ...fields, hash }).executeTakeFirstOrThrow();
  await trx
    .updateTable("audit_head")
    .set({ last_hash: hash, last_id: Number(res.insertId) })
    .where("id", "=", 1)
    .execute();
}
