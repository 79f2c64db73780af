import "server-only";
import type { DB } from "../db/connect";
import type { EmailStatus } from "../db/schema";
import { toKeyPage } from "../db/key-page";

export interface OutboxEmailItem {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: EmailStatus;
  createdAt: number;
  sentAt: number | null;
  error: string | null;
}

export interface OutboxEmailPage {
  items: OutboxEmailItem[];
  nextCursor: number | null;
}

/** The outbox, newest first, paginated by id: without SMTP this is where admins read the mail. */
export async function findOutboxEmails(db: DB, input: { cursor?: number; limit: number }): Promise<OutboxEmailPage> {
  let q = db
    .selectFrom("outbox_emails")
    .selectAll()
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  const rows = await q.execute();
  return toKeyPage(rows, input.limit, (r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    text: r.body_text,
    status: r.status,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    error: r.error,
  }));
}
