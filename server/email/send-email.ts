import "server-only";
import type { Transporter } from "nodemailer";
import type { DB } from "../db/connect";
import { errorText } from "../jobs/lease";
import { PermanentJobError } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";

export interface EmailHandlerOptions {
  db: DB;
  /** `smtp://user:pass@host:587` or `smtps://…`; without it messages are kept in the outbox. */
  smtpUrl?: string;
  from: string;
  now: () => number;
}

function emailIdOf(payload: unknown): number {
  const id = (payload as { emailId?: unknown } | null)?.emailId;
  if (typeof id !== "number" || !Number.isInteger(id)) throw new PermanentJobError("email.send payload needs an integer emailId");
  return id;
}

/**
 * The `email.send` job handler. Delivery is at least once: a worker that dies between the SMTP
 * acknowledgement and the status update leaves the row queued, and the retry sends it again.
 * Sent and kept rows are final, so a repeated job for them does nothing.
 */
export function makeEmailHandler(opts: EmailHandlerOptions): JobHandler {
  let transport: Transporter | undefined;
  return async (payload, ctx) => {
    const emailId = emailIdOf(payload);
    const row = await opts.db.selectFrom("outbox_emails").selectAll().where("id", "=", emailId).executeTakeFirst();
    if (!row) throw new PermanentJobError(`outbox email ${emailId} does not exist`);
    if (row.status === "sent" || row.status === "kept") return;
    // Only a row still waiting is settled here; `failed` counts as waiting so an admin retry can send it.
    const settle = (set: { status: "sent" | "kept" | "queued" | "failed"; sent_at?: number; error: string | null }) =>
      opts.db.updateTable("outbox_emails").set(set).where("id", "=", emailId).where("status", "in", ["queued", "failed"]).execute();

    if (!opts.smtpUrl) {
      await settle({ status: "kept", error: null });
      return;
    }
    // Loaded with the first message to send: the outbox-only default never pays for nodemailer's import.
    transport ??= (await import("nodemailer")).default.createTransport(opts.smtpUrl);
    try {
      await transport.sendMail({ from: opts.from, to: row.to_address, subject: row.subject, text: row.body_text });
    } catch (err) {
      // The queue retries after this throw; on the last attempt the job goes dead, so the row says failed.
      await settle({ status: ctx.attempt >= ctx.maxAttempts ? "failed" : "queued", error: errorText(err) });
      throw err;
    }
    await settle({ status: "sent", sent_at: opts.now(), error: null });
  };
}
