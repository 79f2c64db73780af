import "server-only";
import type { Tx } from "../db/dialect";
import { enqueueJob } from "../jobs/queue";

export const EMAIL_SEND_JOB = "email.send";

export interface EmailInput {
  to: string;
  subject: string;
  text: string;
}

/**
 * Stores a message in the outbox and queues its delivery, in the caller's transaction: an email goes
 * out only if the change it reports was committed, and sending never slows the request down.
 */
export async function queueEmail(trx: Tx, now: number, input: EmailInput): Promise<number> {
  const res = await trx
    .insertInto("outbox_emails")
    .values({
      to_address: input.to.trim(),
      subject: input.subject,
      body_text: input.text,
      status: "queued",
      created_at: now,
      sent_at: null,
      error: null,
    })
    .executeTakeFirstOrThrow();
  const emailId = Number(res.insertId);
  await enqueueJob(trx, now, { type: EMAIL_SEND_JOB, payload: { emailId } });
  return emailId;
}
