import "server-only";
import { forUpdate, type Tx } from "../db/dialect";
import { beforeCommit } from "../db/transact";
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

type PendingEvent = Omit<HashedFields, "prev_hash">;

/** The events recorded in a transaction opened by `transact`, appended to the chain just before it commits. */
const pending = new WeakMap<Tx, PendingEvent[]>();
/** Rows per INSERT when a transaction appends many events (well under both databases' placeholder limits). */
const ROWS_PER_INSERT = 200;

/**
 * Records one audit event in the caller's transaction. Inside `transact` the events wait for the end of the
 * transaction and are appended together (`beforeCommit`): the chain's head row is then locked for that last
 * moment only, so transactions that audit do not queue behind each other for their whole length, and a
 * transaction with many events writes them with one lock, a few multi-row inserts and one head update. Outside
 * `transact` (a plain `db.transaction()`) the event is appended at once. Either way each event carries the hash
 * of the one before it, and a transaction that rolls back leaves none.
 */
export async function recordAudit(trx: Tx, ctx: RequestCtx, input: AuditInput): Promise<void> {
  const event: PendingEvent = {
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
    payload_key: newPayloadKey(),
  };
  const waiting = pending.get(trx);
  if (waiting) {
    waiting.push(event);
    return;
  }
  const events = [event];
  if (beforeCommit(trx, () => appendRecorded(trx, events))) pending.set(trx, events);
  else await appendEvents(trx, events);
}

/**
 * Appends at once what this transaction has recorded so far: for a read of the trail inside the transaction that
 * must see its own events (a ticket's version after a reply). Later events wait for the commit again.
 */
export async function appendPendingAudits(trx: Tx): Promise<void> {
  const events = pending.get(trx);
  if (events) await appendRecorded(trx, events);
}

async function appendRecorded(trx: Tx, events: PendingEvent[]): Promise<void> {
  if (pending.get(trx) === events) pending.delete(trx);
  const taken = events.splice(0);
  if (taken.length) await appendEvents(trx, taken);
}

/** Appends events to the chain under the head row's lock, in order, and moves the head to the last. */
async function appendEvents(trx: Tx, events: PendingEvent[]): Promise<void> {
  const head = await forUpdate(trx, trx.selectFrom("audit_head").select(["last_hash"]).where("id", "=", 1)).executeTakeFirstOrThrow();
  let prev = head.last_hash;
  const rows = events.map((e) => {
    const fields: HashedFields = { ...e, prev_hash: prev };
    prev = hashEvent(fields);
    return { ...fields, hash: prev };
  });
  let lastId = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const res = await trx
      .insertInto("audit_events")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .executeTakeFirstOrThrow();
    lastId = Number(res.insertId);
  }
  // SQLite reports the last row's id, MySQL the first's: with several rows, ask (the head lock keeps others out).
  if (rows.length > 1) {
    const last = await trx
      .selectFrom("audit_events")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    lastId = Number(last.id);
  }
  await trx.updateTable("audit_head").set({ last_hash: prev, last_id: lastId }).where("id", "=", 1).execute();
}
