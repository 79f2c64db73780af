import "server-only";
import { z } from "zod";
import type { DB } from "../db";
import type { RequestCtx } from "../context";
import { transact } from "../db/transact";
import { recordAudit } from "./record-audit";
import { redactedFields, type SealedField } from "./seal";

export const ZAuditExportPage = z.object({
  /** Epoch ms, inclusive. */
  from: z.number().int().nonnegative().default(0),
  /** Epoch ms, exclusive. */
  to: z.number().int().positive().max(8.64e15).optional(),
  /** The last id of the previous page (key pagination, oldest first). */
  after: z.number().int().nonnegative().default(0),
  /** The chain head the export started at: later events are left out, so the pages agree with it. */
  through: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export type TAuditExportPage = z.input<typeof ZAuditExportPage>;

/** One event as exported: every stored field, raw, so that an auditor can recompute its hash. */
export interface ExportedEvent {
  id: number;
  createdAt: number;
  actorId: number | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  /** JSON text exactly as stored (the hash covers the text), or null. */
  before: string | null;
  after: string | null;
  ip: string;
  userAgent: string;
  prevHash: string;
  hash: string;
  payloadKey: string | null;
  redactions: string | null;
  redacted: SealedField[];
}

export interface AuditExportPage {
  /** The chain head when the export started: its last event and that event's hash. */
  head: { id: number; hash: string };
  items: ExportedEvent[];
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: number | null;
}

/**
 * A page of the audit trail for an export, oldest first, by key (`id > after`, never OFFSET). The first
 * page reads the chain head, and records the export (`audit.exported`, after that head, so outside it);
 * later pages pass the head's id as `through`, so events appended meanwhile stay out.
 */
export async function findAuditExportPage(db: DB, ctx: RequestCtx, raw: TAuditExportPage): Promise<AuditExportPage> {
  const input = ZAuditExportPage.parse(raw);
  const headRow = await db.selectFrom("audit_head").select(["last_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  if (input.through === undefined && input.after === 0) {
    await transact(db, (trx) =>
      recordAudit(trx, ctx, {
        action: "audit.exported",
        entityType: "audit",
        entityId: headRow.last_id,
        after: { from: input.from, to: input.to ?? null },
      }),
    );
  }
  const through = input.through ?? headRow.last_id;
  // The head of this export: the newest event it may contain, and its hash.
  const head =
    through === headRow.last_id
      ? { id: headRow.last_id, hash: headRow.last_hash }
      : await db
          .selectFrom("audit_events")
          .select(["id", "hash"])
          .where("id", "<=", through)
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst()
          .then((r) => (r ? { id: r.id, hash: r.hash } : { id: through, hash: "0".repeat(64) }));
  let q = db
    .selectFrom("audit_events")
    .selectAll()
    .where("id", ">", input.after)
    .where("id", "<=", through)
    .where("created_at", ">=", input.from)
    .orderBy("id")
    .limit(input.limit + 1);
  if (input.to !== undefined) q = q.where("created_at", "<", input.to);
  const rows = await q.execute();
  const page = rows.slice(0, input.limit);
  return {
    head,
    items: page.map((r) => ({
      id: r.id,
      createdAt: Number(r.created_at),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json,
      after: r.after_json,
      ip: r.ip,
      userAgent: r.user_agent,
      prevHash: r.prev_hash,
      hash: r.hash,
      payloadKey: r.payload_key,
      redactions: r.redactions,
      redacted: redactedFields(r.redactions),
    })),
    nextAfter: rows.length > input.limit ? page[page.length - 1].id : null,
  };
}
