import "server-only";
import crypto from "node:crypto";
import type { DB } from "../db";
import { forUpdate, type Tx } from "../db/dialect";
import { fromJson, toJson } from "../db/json";
import { queueEmail } from "../email/queue-email";
import { enqueueJob, PermanentJobError } from "../jobs/queue";
import type { JobCtx, JobHandler } from "../jobs/worker";
import { loadEvent, parseStatusEvent, type LoadedEvent } from "./load-event";
import { notificationEmail, webhookBody } from "./messages";
import type { SubscriptionLinks } from "./subscribe";
import { componentsOf, follows } from "./subscriber-rows";
import { tokenHash, unsubscribeToken } from "./tokens";
import { transact } from "../db/transact";
import { isActiveWebhook } from "./verify-webhook";

export const WEBHOOK_DELIVER_JOB = "webhook.deliver";
/** Webhook receivers are often briefly down: 8 attempts back off over about 20 minutes. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
const BATCH_SIZE = 200;

export interface WebhookDeliveryPayload {
  subscriberId: number;
  deliveryId: string;
  event: string;
  body: string;
}

/**
 * The `status.notify` handler: one email (through the outbox) per matching confirmed email subscriber
 * and one `webhook.deliver` job per matching webhook that is verified or approved.
 *
 * Exactly once, without a deliveries table: subscribers are walked in id order, in batches, and each
 * batch is one transaction that also locks this job's row and moves a cursor stored in its payload
 * (`fanout.after`). The emails and webhook jobs of a batch commit together with the cursor, or not at
 * all. If the process dies after a commit (before the queue marks the job done), the next run reads
 * the cursor and continues after the last subscriber served; two workers holding the same job (an
 * expired lease) take turns on the row lock and the second one finds the cursor already moved.
 */
export function makeNotifyHandler(db: DB, links: () => SubscriptionLinks): JobHandler {
  return async (payload, ctx) => {
    const event = parseStatusEvent(payload);
    const loaded = await loadEvent(db, event);
    const resolved = links();
    while (await fanOutBatch(db, ctx, loaded, resolved)) {
      // Each round is its own transaction, so a long list never holds locks for long.
    }
  };
}

async function fanOutBatch(db: DB, ctx: JobCtx, ev: LoadedEvent, links: SubscriptionLinks): Promise<boolean> {
  const now = ctx.now();
  return transact(db, async (trx) => {
    const job = await forUpdate(trx, trx.selectFrom("jobs").select(["payload"]).where("id", "=", ctx.jobId)).executeTakeFirst();
    if (!job) throw new PermanentJobError(`job ${ctx.jobId} is gone`);
    const state = fromJson<Record<string, unknown>>(job.payload) ?? {};
    const after = Number((state.fanout as { after?: number } | undefined)?.after ?? 0);
    const rows = await trx
      .selectFrom("status_subscribers")
      .select(["id", "kind", "target", "locale", "components", "secret", "created_at", "unsubscribe_token_hash", "webhook_state"])
      .where("confirmed", "=", 1)
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH_SIZE)
      .execute();
    if (rows.length === 0) return false;
    const affected = ev.components.map((c) => c.id);
    for (const row of rows) {
      if (!follows(componentsOf(row), affected)) continue;
      if (row.kind === "email") {
        const token = await currentUnsubscribeToken(trx, links.linkKey, row);
        await queueEmail(trx, now, notificationEmail(row.locale, links.appUrl, row.target, token, ev));
      } else if (row.secret && isActiveWebhook(row.webhook_state)) {
        // `confirmed` alone would do; the state says it in so many words: unverified webhooks get nothing.
        const delivery: WebhookDeliveryPayload = {
          subscriberId: row.id,
          deliveryId: crypto.randomUUID(),
          event: ev.event.type,
          body: webhookBody(row.locale, links.appUrl, ev),
        };
        await enqueueJob(trx, now, { type: WEBHOOK_DELIVER_JOB, payload: delivery, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
      }
    }
    const last = rows[rows.length - 1].id;
    await trx
      .updateTable("jobs")
      .set({ payload: toJson({ ...state, fanout: { after: last } }) ?? "null", updated_at: now })
      .where("id", "=", ctx.jobId)
      .execute();
    return rows.length === BATCH_SIZE;
  });
}

/** The row's unsubscribe token; after a change of key the stored hash is brought up to date. */
async function currentUnsubscribeToken(
  trx: Tx,
  linkKey: string,
  row: { id: number; created_at: number; unsubscribe_token_hash: string },
): Promise<string> {
  const token = unsubscribeToken(linkKey, row);
  const hash = tokenHash(token);
  if (hash !== row.unsubscribe_token_hash) {
    await trx.updateTable("status_subscribers").set({ unsubscribe_token_hash: hash }).where("id", "=", row.id).execute();
  }
  return token;
}
