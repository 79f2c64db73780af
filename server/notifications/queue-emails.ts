import "server-only";
import type { Tx } from "../db/dialect";
import { toJson } from "../db/json";
import { DEFAULT_MAX_ATTEMPTS } from "../jobs/queue";
import { EMAIL_SEND_JOB, type EmailInput } from "../email/queue-email";

/** Rows per INSERT. */
const CHUNK = 500;

/**
 * queueEmail (server/email/queue-email.ts) for many messages at once: the outbox rows in one INSERT … RETURNING id
 * (SQLite 3.35+ and MariaDB 10.5+ both answer it, with the same SQL; not MySQL) and their `email.send` jobs in
 * another, per CHUNK messages, in the caller's transaction. The sweep's notifications write hundreds of emails a
 * batch. The ids are matched to the messages in ascending order: both give a statement's rows rising ids.
 */
export async function queueEmails(trx: Tx, now: number, inputs: readonly EmailInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const insert = trx
      .insertInto("outbox_emails")
      .values(
        inputs.slice(i, i + CHUNK).map((m) => ({
          to_address: m.to.trim(),
          subject: m.subject,
          body_text: m.text,
          status: "queued" as const,
          created_at: now,
          sent_at: null,
          error: null,
        })),
      )
      .returning("id");
    // Run as compiled: the builder's own execute() drops RETURNING rows on MariaDB (its adapter says it has none).
    const { rows } = await trx.executeQuery(insert.compile());
    const chunkIds = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    ids.push(...chunkIds);
    await trx
      .insertInto("jobs")
      .values(
        chunkIds.map((emailId) => ({
          type: EMAIL_SEND_JOB,
          payload: toJson({ emailId })!,
          status: "pending" as const,
          run_at: now,
          attempts: 0,
          max_attempts: DEFAULT_MAX_ATTEMPTS,
          lease_until: null,
          locked_by: null,
          last_error: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return ids;
}
