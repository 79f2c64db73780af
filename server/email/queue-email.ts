import "server-only";
import type { Tx } from "../db/dialect";
import { enqueueJob, enqueueJobs } from "../jobs/queue";

export const EMAIL_SEND_JOB = "email.send";

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
}

const outboxRow = (now: number, input: EmailInput) => ({
  to_address: input.to.trim(),
  subject: input.subject,
  body_text: input.text,
  status: "queued" as const,
  created_at: now,
  sent_at: null,
  error: null,
});

/**
 * Stores a message in the outbox and queues its delivery, in the caller's transaction: an email goes
 * out only if the change it reports was committed, and sending never slows the request down.
 */
export async function queueEmail(trx: Tx, now: number, input: EmailInput): Promise<number> {
  const res = await trx.insertInto("outbox_emails").values(outboxRow(now, input)).executeTakeFirstOrThrow();
  const emailId = Number(res.insertId);
  await enqueueJob(trx, now, { type: EMAIL_SEND_JOB, payload: { emailId } });
  return emailId;
}

/** Rows per INSERT. */
const CHUNK = 500;
/** Set once the database refused INSERT … RETURNING (MySQL; SQLite 3.35+ and MariaDB 10.5+ answer it). */
let noReturning = false;

/**
 * queueEmail for many messages at once (a sweep's notifications write hundreds a batch): the outbox rows in one
 * INSERT … RETURNING id per CHUNK messages and their `email.send` jobs in another, in the caller's transaction.
 * The ids are matched to the messages in ascending order: both databases give a statement's rows rising ids.
 * Where RETURNING is not understood (MySQL), one message at a time.
 */
export async function queueEmails(trx: Tx, now: number, inputs: readonly EmailInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += CHUNK) {
    const chunk = inputs.slice(i, i + CHUNK);
    const chunkIds = noReturning ? null : await insertReturningIds(trx, now, chunk);
    if (!chunkIds) {
      for (const input of chunk) ids.push(await queueEmail(trx, now, input));
      continue;
    }
    ids.push(...chunkIds);
    await enqueueJobs(
      trx,
      now,
      chunkIds.map((emailId) => ({ type: EMAIL_SEND_JOB, payload: { emailId } })),
    );
  }
  return ids;
}

async function insertReturningIds(trx: Tx, now: number, chunk: readonly EmailInput[]): Promise<number[] | null> {
  const insert = trx
    .insertInto("outbox_emails")
    .values(chunk.map((m) => outboxRow(now, m)))
    .returning("id");
  try {
    // Run as compiled: the builder's own execute() drops RETURNING rows on MariaDB (its adapter says it has none).
    const { rows } = await trx.executeQuery(insert.compile());
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  } catch (err) {
    // MySQL's parse error (1064): the statement did nothing, and the transaction goes on.
    if ((err as { errno?: number }).errno !== 1064) throw err;
    noReturning = true;
    return null;
  }
}
