import "server-only";
import type { DB } from "../db";
import { forUpdate } from "../db/dialect";
import { transact } from "../db/transact";
import type { TicketRetentionAction } from "../db/schema";
import type { RequestCtx } from "../context";
import { recordAudit } from "../audit/record-audit";
import { redactAuditEvents } from "../audit/redact-audit";
import { pruneAuditEvents, type PruneResult } from "../audit/prune-audit";
import type { SealedField } from "../audit/seal";
import { ZRetentionSettings, type TRetentionSettings } from "./schemas";

const DAY = 86_400_000;
/** Tickets per transaction, and transactions per run: a run is bounded; the next one goes on. */
const BATCH = 200;
const MAX_BATCHES = 50;

export interface RetentionSettings {
  closedTicketDays: number | null;
  closedTicketAction: TicketRetentionAction;
  auditEventDays: number | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

const DEFAULTS: RetentionSettings = {
  closedTicketDays: null,
  closedTicketAction: "delete",
  auditEventDays: null,
  updatedAt: null,
  updatedBy: null,
};

export async function getRetentionSettings(db: DB): Promise<RetentionSettings> {
  const row = await db
    .selectFrom("retention_settings as s")
    .leftJoin("users as u", "u.id", "s.updated_by")
    .select([
      "s.closed_ticket_days",
      "s.closed_ticket_action",
      "s.audit_event_days",
      "s.updated_at",
      "s.updated_by",
      "u.name as updated_by_name",
    ])
    .where("s.id", "=", 1)
    .executeTakeFirst();
  if (!row) return DEFAULTS;
  return {
    closedTicketDays: row.closed_ticket_days,
    closedTicketAction: row.closed_ticket_action,
    auditEventDays: row.audit_event_days,
    updatedAt: row.updated_by === null ? null : row.updated_at,
    updatedBy: row.updated_by_name,
  };
}

/** An admin changes the retention rules; the change is audited with before and after. */
export async function setRetentionSettings(db: DB, ctx: RequestCtx, raw: TRetentionSettings): Promise<void> {
  const input = ZRetentionSettings.parse(raw);
  const now = ctx.now();
  await transact(db, async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom("retention_settings").selectAll().where("id", "=", 1)).executeTakeFirst();
    const values = {
      closed_ticket_days: input.closedTicketDays,
      closed_ticket_action: input.closedTicketAction,
      audit_event_days: input.auditEventDays,
      updated_at: now,
      updated_by: ctx.actor?.id ?? null,
    };
    if (row) await trx.updateTable("retention_settings").set(values).where("id", "=", 1).execute();
    else
      await trx
        .insertInto("retention_settings")
        .values({ id: 1, ...values })
        .execute();
    const view = (r: { closed_ticket_days: number | null; closed_ticket_action: string; audit_event_days: number | null }) => ({
      closedTicketDays: r.closed_ticket_days,
      closedTicketAction: r.closed_ticket_action,
      auditEventDays: r.audit_event_days,
    });
    await recordAudit(trx, ctx, {
      action: "retention.settings_changed",
      entityType: "retention_settings",
      entityId: 1,
      before: row ? view(row) : null,
      after: view(values),
    });
  });
}

export interface RetentionRun {
  tickets: { action: TicketRetentionAction; count: number } | null;
  audit: PruneResult | null;
}

/**
 * Applies the retention rules once (the `privacy.retention` job, hourly). Closed tickets whose last change is
 * older than the limit are deleted with their messages, or anonymised: the row keeps its times, status,
 * priority and people for reports, and loses every text (subject "#id", the rest empty, message bodies
 * empty). Either way the text their `ticket.created` audit events carried is redacted. Audit events older
 * than their limit are pruned behind a checkpoint (server/audit/prune-audit.ts). Nothing happens while a
 * rule is off.
 */
export async function applyRetention(db: DB, ctx: RequestCtx): Promise<RetentionRun> {
  const settings = await getRetentionSettings(db);
  const now = ctx.now();
  const run: RetentionRun = { tickets: null, audit: null };
  if (settings.closedTicketDays !== null) {
    const cutoff = now - settings.closedTicketDays * DAY;
    const action = settings.closedTicketAction;
    let count = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const done = await transact(db, async (trx) => {
        const rows = await forUpdate(
          trx,
          trx
            .selectFrom("tickets")
            .select("id")
            .where("is_open", "=", 0)
            .where("anonymised_at", "is", null)
            .where("updated_at", "<", cutoff)
            .orderBy("id")
            .limit(BATCH),
        ).execute();
        if (rows.length === 0) return 0;
        const ids = rows.map((r) => r.id);
        if (action === "delete") {
          await trx.deleteFrom("ticket_messages").where("ticket_id", "in", ids).execute();
          await trx.deleteFrom("incident_tickets").where("ticket_id", "in", ids).execute();
          await trx.deleteFrom("ticket_ratings").where("ticket_id", "in", ids).execute();
          await trx
            .deleteFrom("ticket_links")
            .where((eb) => eb.or([eb("ticket_id", "in", ids), eb("other_id", "in", ids)]))
            .execute();
          await trx.deleteFrom("notifications").where("ticket_id", "in", ids).execute();
          await trx.deleteFrom("tickets").where("id", "in", ids).execute();
        } else {
          for (const id of ids) {
            await trx
              .updateTable("tickets")
              .set({ subject: `#${id}`, description: "", steps: "", expected: "", actual: "", page_url: "", anonymised_at: now })
              .where("id", "=", id)
              .execute();
          }
          await trx.updateTable("ticket_messages").set({ body: "" }).where("ticket_id", "in", ids).execute();
          await trx.updateTable("ticket_ratings").set({ comment: null }).where("ticket_id", "in", ids).execute();
          await trx.deleteFrom("notifications").where("ticket_id", "in", ids).execute();
        }
        const created = await trx
          .selectFrom("audit_events")
          .select("id")
          .where("entity_type", "=", "ticket")
          .where("entity_id", "in", ids.map(String))
          .where("action", "=", "ticket.created")
          .execute();
        const fields: SealedField[] = ["before_json", "after_json"];
        await redactAuditEvents(trx, new Map(created.map((e) => [e.id, fields])));
        await recordAudit(trx, ctx, {
          action: action === "delete" ? "retention.tickets_deleted" : "retention.tickets_anonymised",
          entityType: "ticket",
          entityId: `${ids[0]}-${ids[ids.length - 1]}`,
          after: { ids, olderThanDays: settings.closedTicketDays },
        });
        return ids.length;
      });
      count += done;
      if (done < BATCH) break;
    }
    run.tickets = { action, count };
  }
  if (settings.auditEventDays !== null) {
    run.audit = await pruneAuditEvents(db, ctx, now - settings.auditEventDays * DAY);
  }
  return run;
}
