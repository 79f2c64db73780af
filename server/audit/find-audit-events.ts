import "server-only";
import { z } from "zod";
import { zText } from "@/lib/text-field";
import type { DB } from "../db";
import { fromJson } from "../db/json";
import { msg } from "@/lib/i18n";
import { toKeyPage } from "../db/key-page";
import { redactedFields, type SealedField } from "./seal";

export const ZFindAudit = z.object({
  actor: zText().trim().max(254).optional(),
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z_.]*$/, msg("err.auditAction"))
    .optional(),
  entityType: zText().trim().max(32).optional(),
  entityId: zText().trim().max(64).optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TFindAudit = z.input<typeof ZFindAudit>;

export interface AuditRow {
  id: number;
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string;
  userAgent: string;
  createdAt: number;
  /** Fields an erasure removed (their digests keep the chain whole). */
  redacted: SealedField[];
}

/**
 * The audit trail, newest first, paginated by id. `actor` is an email or a numeric user id;
 * `action` matches a prefix, so `ticket.` finds every ticket event.
 */
export async function findAuditEvents(db: DB, raw: TFindAudit): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  const input = ZFindAudit.parse(raw);
  let q = db
    .selectFrom("audit_events as e")
    .leftJoin("users as u", "u.id", "e.actor_id")
    .select([
      "e.id",
      "e.actor_id",
      "e.actor_role",
      "e.action",
      "e.entity_type",
      "e.entity_id",
      "e.before_json",
      "e.after_json",
      "e.ip",
      "e.user_agent",
      "e.created_at",
      "e.redactions",
      "u.email as actor_email",
    ])
    .orderBy("e.id", "desc")
    .limit(input.limit + 1);
  if (input.actor) {
    q = /^\d+$/.test(input.actor) ? q.where("e.actor_id", "=", Number(input.actor)) : q.where("u.email", "=", input.actor.toLowerCase());
  }
  if (input.action)
    q = input.action.endsWith(".") ? q.where("e.action", "like", `${input.action}%`) : q.where("e.action", "=", input.action);
  if (input.entityType) q = q.where("e.entity_type", "=", input.entityType);
  if (input.entityId) q = q.where("e.entity_id", "=", input.entityId);
  if (input.from !== undefined) q = q.where("e.created_at", ">=", input.from);
  if (input.to !== undefined) q = q.where("e.created_at", "<", input.to);
  if (input.cursor) q = q.where("e.id", "<", input.cursor);
  const rows = await q.execute();
  return toKeyPage(rows, input.limit, (r) => ({
    id: r.id,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: fromJson(r.before_json),
    after: fromJson(r.after_json),
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    redacted: redactedFields(r.redactions),
  }));
}
