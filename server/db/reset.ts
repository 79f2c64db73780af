import "server-only";
import type { DB } from "./connect";
import { transact } from "./transact";

// Children before parents, so foreign keys never block a delete.
const TABLES = [
  "monitor_alerts",
  "status_subscribers",
  "maintenance_components",
  "maintenances",
  "incident_tickets",
  "incident_updates",
  "incident_components",
  "incidents",
  "monitor_rollups",
  "monitor_checks",
  "monitors",
  "status_components",
  "status_groups",
  "kb_deflections",
  "kb_search_log",
  "kb_feedback",
  "kb_revisions",
  "kb_articles",
  "outbox_emails",
  "jobs",
  "job_schedules",
  "audit_checkpoints",
  "audit_events",
  "ticket_messages",
  "tickets",
  "user_sessions",
  "email_changes",
  "users",
] as const;

/** Empties every table and restarts the audit chain: for `npm run db:seed -- --reset` only. */
export async function resetDatabase(db: DB): Promise<void> {
  await transact(db, async (trx) => {
    for (const t of TABLES) await trx.deleteFrom(t).execute();
    await trx
      .updateTable("audit_head")
      .set({ last_id: 0, last_hash: "0".repeat(64) })
      .where("id", "=", 1)
      .execute();
  });
}
